import AutoMLClient
import Testing

/// Resource names parse strictly and print back the same text.
@Suite struct ResourceNameTests {
    /// One name type, so that parameterized tests can cover them all.
    enum Kind: String, CaseIterable, Sendable {
        case project, location, dataset, annotationSpec, model, modelEvaluation, operation

        /// Parses `text` as this kind and prints it back.
        func parse(_ text: String) throws -> String {
            switch self {
            case .project: try ProjectName(parsing: text).description
            case .location: try LocationName(parsing: text).description
            case .dataset: try DatasetName(parsing: text).description
            case .annotationSpec: try AnnotationSpecName(parsing: text).description
            case .model: try ModelName(parsing: text).description
            case .modelEvaluation: try ModelEvaluationName(parsing: text).description
            case .operation: try OperationName(parsing: text).description
            }
        }

        var template: String {
            switch self {
            case .project: ProjectName.template
            case .location: LocationName.template
            case .dataset: DatasetName.template
            case .annotationSpec: AnnotationSpecName.template
            case .model: ModelName.template
            case .modelEvaluation: ModelEvaluationName.template
            case .operation: OperationName.template
            }
        }

        /// A well-formed name of this kind.
        var sample: String {
            switch self {
            case .project: "projects/216065747626"
            case .location: "projects/my-project/locations/us-central1"
            case .dataset: "projects/216065747626/locations/us-central1/datasets/ICN7372141011130533778"
            case .annotationSpec:
                "projects/p/locations/us-central1/datasets/IOD502610954312220672/annotationSpecs/3869458495073943552"
            case .model: "projects/123/locations/us-central1/models/ICN7683346839371803263"
            case .modelEvaluation:
                "projects/123/locations/us-central1/models/ICN4440000000000000004/modelEvaluations/1725309302431776768"
            case .operation: "projects/PROJECT_ID/locations/us-central1/operations/IOD3078131180470534144"
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func parsesAndPrintsBack(_ kind: Kind) throws {
        #expect(try kind.parse(kind.sample) == kind.sample)
    }

    @Test func templates() {
        #expect(ModelName.template == "projects/{project}/locations/{location}/models/{model}")
        #expect(
            AnnotationSpecName.template
                == "projects/{project}/locations/{location}/datasets/{dataset}/annotationSpecs/{annotationSpec}")
        #expect(
            ModelEvaluationName.template
                == "projects/{project}/locations/{location}/models/{model}/modelEvaluations/{modelEvaluation}")
    }

    @Test func componentsOfParsedNames() throws {
        let model = try ModelName(parsing: Kind.model.sample)
        #expect(model.project == "123" && model.location == "us-central1" && model.model == "ICN7683346839371803263")
        #expect(model.id == model.model)
        #expect(model.parent.description == "projects/123/locations/us-central1")
        #expect(model.parent.projectName.description == "projects/123")
        let spec = try AnnotationSpecName(parsing: Kind.annotationSpec.sample)
        #expect(spec.id == "3869458495073943552")
        #expect(spec.dataset.dataset == "IOD502610954312220672")
        let evaluation = try ModelEvaluationName(parsing: Kind.modelEvaluation.sample)
        #expect(evaluation.model.model == "ICN4440000000000000004")
        #expect(try OperationName(parsing: Kind.operation.sample).operation == "IOD3078131180470534144")
        #expect(ModelName(Kind.model.sample) == model)
        #expect(ModelName(Kind.dataset.sample) == nil)
    }

    /// Structural problems: the error names the expected template.
    @Test(arguments: Kind.allCases)
    func structuralMistakesNameTheTemplate(_ kind: Kind) throws {
        let sample = kind.sample
        var parts = sample.split(separator: "/").map(String.init)
        let lastCollection = parts.count - 2
        parts[lastCollection] = String(parts[lastCollection].dropLast())  // `models` → `model`
        let malformed = [
            parts.joined(separator: "/"),  // wrong collection word
            sample.split(separator: "/").dropLast().joined(separator: "/"),  // missing ID segment
            sample + "/extra",  // extra segment
            sample + "/extra/more",  // extra pair of segments
            "/" + sample,  // leading slash
            sample + "/",  // trailing slash
            "",
        ]
        for text in malformed {
            let error = try #require(throws: ResourceNameError.self, "\(text)") { try kind.parse(text) }
            #expect(error.text == text)
            #expect(error.description.contains("expected \(kind.template)"), "\(error.description)")
            #expect(error.description.hasPrefix("\"\(text)\" is not a valid "))
        }
    }

    /// Problems with one ID: the error names the segment and what is wrong with it.
    @Test(arguments: [
        ("projects/p/locations/us-central1/models/", "the model is empty"),
        ("projects//locations/us-central1/models/ICN1", "the project is empty"),
        ("projects/p/locations//models/ICN1", "the location is empty"),
        ("projects/p/locations/us-central1/models/ICN 1", "the model contains U+20"),
        ("projects/p/locations/us-central1/models/ICN1?alt=json", "the model contains '?'"),
        ("projects/p/locations/us-central1/models/ICN1#x", "the model contains '#'"),
        ("projects/p/locations/us-central1/models/ICN%2F1", "the model contains '%'"),
        ("projects/p/locations/us-central1/models/ICN\t1", "the model contains U+9"),
    ])
    func badIDsAreNamed(_ text: String, _ reason: String) throws {
        let error = try #require(throws: ResourceNameError.self) { try ModelName(parsing: text) }
        #expect(error.kind == "model")
        #expect(error.reason == reason)
        #expect(error.description == "\"\(text)\" is not a valid model name: \(reason)")
    }

    @Test func locationRejectsEmptyAndBadIDs() throws {
        let empty = try #require(throws: ResourceNameError.self) {
            try LocationName(project: "", location: "us-central1")
        }
        #expect(empty.reason == "the project is empty")
        #expect(empty.description.contains("location name"))
        #expect(throws: ResourceNameError.self) { try LocationName(project: "p", location: "") }
        #expect(throws: ResourceNameError.self) { try LocationName(project: "a/b", location: "us-central1") }
        #expect(throws: ResourceNameError.self) { try ProjectName(project: "") }
        let location = try LocationName(project: "my-project", location: "us-central1")
        #expect(location.description == "projects/my-project/locations/us-central1")
    }

    @Test func childNamesFromALocation() throws {
        let location = try LocationName(project: "p", location: "us-central1")
        let model = try location.model("ICN1")
        #expect(model == (try ModelName(parsing: "projects/p/locations/us-central1/models/ICN1")))
        #expect(model.parent == location)
        #expect(try location.dataset("ICN2").description == "projects/p/locations/us-central1/datasets/ICN2")
        #expect(try location.operation("ICN3").description == "projects/p/locations/us-central1/operations/ICN3")
        let spec = try location.dataset("ICN2").annotationSpec("42")
        #expect(spec.description == "projects/p/locations/us-central1/datasets/ICN2/annotationSpecs/42")
        let slash = try #require(throws: ResourceNameError.self) { try location.model("ICN1/extra") }
        #expect(slash.kind == "model" && slash.reason == "the model contains '/'")
        #expect(slash.text == "projects/p/locations/us-central1/models/ICN1/extra")
        let empty = try #require(throws: ResourceNameError.self) { try location.model("") }
        #expect(empty.reason == "the model is empty")
        #expect(throws: ResourceNameError.self) { try location.dataset("a b") }
        #expect(throws: ResourceNameError.self) { try location.operation("x?y") }
        #expect(throws: ResourceNameError.self) { try model.evaluation("") }
    }

    @Test func dashModelIDListsEvaluationsAcrossModels() throws {
        let parent = try ModelName(parsing: "projects/p/locations/us-central1/models/-")
        #expect(parent.model == "-")
        let location = try LocationName(project: "p", location: "us-central1")
        #expect(try location.model("-") == parent)
        let evaluation = try ModelEvaluationName(
            parsing: "projects/p/locations/us-central1/models/-/modelEvaluations/17")
        #expect(evaluation.model == parent)
        #expect(try parent.evaluation("17") == evaluation)
    }

    @Test func namesAreHashableByText() throws {
        let a = try ModelName(parsing: "projects/p/locations/l/models/m")
        let b = try LocationName(project: "p", location: "l").model("m")
        #expect(Set([a, b]).count == 1)
        #expect(try ModelName(parsing: "projects/123/locations/l/models/m") != a)
    }
}
