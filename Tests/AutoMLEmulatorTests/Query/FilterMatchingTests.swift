import Testing

@testable import AutoMLEmulator

/// Parsed filters select the resources the documentation says they select.
@Suite struct FilterMatchingTests {
    private let location = "projects/my-project/locations/us-central1"

    private func matches(_ text: String, _ list: FilterableList, _ subject: FilterTestSubject) throws -> Bool {
        try FilterExpression(parsing: text, for: list).matches(subject)
    }

    @Test func doneSelectsFinishedOperations() throws {
        let finished = operation(id: "1", done: true, worksOn: "\(location)/datasets/5")
        let running = operation(id: "2", done: nil, worksOn: "\(location)/datasets/5")
        let explicitlyRunning = operation(id: "3", done: false, worksOn: "\(location)/datasets/5")
        #expect(try matches("done=true", .operations, finished))
        #expect(try !matches("done=true", .operations, running))
        #expect(try matches("done=false", .operations, running), "an absent done is false, as in proto3")
        #expect(try matches("done=false", .operations, explicitlyRunning))
        #expect(try matches("done!=true", .operations, running))
        #expect(try !matches("done!=true", .operations, finished))
    }

    @Test func worksOnMatchesTheFullResourceName() throws {
        let onDataset = operation(id: "1", done: true, worksOn: "\(location)/datasets/5")
        let onModel = operation(id: "2", done: true, worksOn: "\(location)/models/15")
        let filter = "worksOn = \(location)/datasets/5"
        #expect(try matches(filter, .operations, onDataset))
        #expect(try !matches(filter, .operations, onModel))
        #expect(try !matches("worksOn = \(location)/datasets/50", .operations, onDataset), "no prefix matching")
        #expect(try matches("worksOn != \(location)/datasets/5", .operations, onModel))
        #expect(try matches("worksOn = \(location)/models/15", .operations, onModel))
    }

    @Test func worksOnWildcardMatchesAnyChild() throws {
        let onModel = operation(id: "1", done: true, worksOn: "\(location)/models/ICN15")
        let onDataset = operation(id: "2", done: true, worksOn: "\(location)/datasets/ICN5")
        let onOtherLocation = operation(id: "3", done: true, worksOn: "projects/my-project/locations/eu/models/ICN1")
        let onEvaluation = operation(id: "4", done: true, worksOn: "\(location)/models/ICN15/modelEvaluations/1")
        let anyModel = "worksOn=\(location)/models/*"
        #expect(try matches(anyModel, .operations, onModel))
        #expect(try !matches(anyModel, .operations, onDataset))
        #expect(try !matches(anyModel, .operations, onOtherLocation))
        #expect(try !matches(anyModel, .operations, onEvaluation), "the wildcard is one segment")
        #expect(try matches("worksOn!=\(location)/models/*", .operations, onDataset))
        #expect(try !matches(anyModel, .operations, operation(id: "5", done: true, worksOn: "\(location)/models/")))
    }

    @Test func operationIDComparesTheLastSegment() throws {
        let subject = operation(id: "ICN3007727620979824033", done: false, worksOn: "\(location)/models/1")
        #expect(try matches("operation_id=ICN3007727620979824033", .operations, subject))
        #expect(try matches("operationId!=ICN1", .operations, subject))
        #expect(try !matches("operation_id=ICN1", .operations, subject))
    }

    @Test func datasetIDSelectsModels() throws {
        let model = FilterTestSubject([.datasetID: .string("5"), .imageClassificationModelMetadata: .bool(true)])
        #expect(try matches("dataset_id=5", .models, model))
        #expect(try !matches("dataset_id!=5", .models, model))
        #expect(try matches("datasetId!=6", .models, model))
        #expect(try matches("image_classification_model_metadata:*", .models, model))
        #expect(try !matches("image_object_detection_model_metadata:*", .models, model))
        #expect(try matches("image_classification_model_metadata:* AND dataset_id=5", .models, model))
        #expect(try !matches("image_classification_model_metadata:* AND dataset_id=6", .models, model))
    }

    @Test func annotationSpecFiltersSplitOverallFromPerLabel() throws {
        let overall = FilterTestSubject()
        let overallWithEmptyID = FilterTestSubject([.annotationSpecID: .string("")])
        let perLabel = FilterTestSubject([.annotationSpecID: .string("4")])
        let otherLabel = FilterTestSubject([.annotationSpecID: .string("7")])
        #expect(try matches("NOT annotation_spec_id:*", .modelEvaluations, overall))
        #expect(try matches("NOT annotation_spec_id:*", .modelEvaluations, overallWithEmptyID), "empty is unset")
        #expect(try !matches("NOT annotation_spec_id:*", .modelEvaluations, perLabel))
        #expect(try matches("annotation_spec_id:*", .modelEvaluations, perLabel))
        #expect(try !matches("annotation_spec_id:*", .modelEvaluations, overall))
        #expect(try matches("annotation_spec_id!=4", .modelEvaluations, otherLabel))
        #expect(try matches("annotation_spec_id!=4", .modelEvaluations, overall), "absent compares as empty")
        #expect(try !matches("annotation_spec_id!=4", .modelEvaluations, perLabel))
        #expect(try matches("annotation_spec_id=4", .modelEvaluations, perLabel))
    }

    @Test func datasetMetadataExistence() throws {
        let classification = FilterTestSubject([.imageClassificationDatasetMetadata: .bool(true)])
        let detection = FilterTestSubject([.imageObjectDetectionDatasetMetadata: .bool(true)])
        let filter = "image_classification_dataset_metadata:*"
        #expect(try matches(filter, .datasets, classification))
        #expect(try !matches(filter, .datasets, detection))
        #expect(try matches("-image_classification_dataset_metadata:*", .datasets, detection))
        #expect(try matches("imageObjectDetectionDatasetMetadata:*", .datasets, detection))
        #expect(try !matches("translation_dataset_metadata:*", .datasets, detection))
    }

    @Test func emptyFilterMatchesEveryOperation() throws {
        let subjects = [
            operation(id: "1", done: true, worksOn: "\(location)/models/1"),
            operation(id: "2", done: nil, worksOn: "\(location)/datasets/2"),
        ]
        let filter = try FilterExpression(parsing: "", for: .operations)
        #expect(subjects.allSatisfy { filter.matches($0) })
    }
}
