import AutoMLWire
import Testing

@testable import AutoMLEmulator

/// A Vertex AI resource for filter tests: whatever field values a test gives it.
private struct VertexSubject: VertexFilterSubject {
    var values: [VertexFilterField: VertexFilterValue] = [:]

    init(_ values: [VertexFilterField: VertexFilterValue] = [:]) {
        self.values = values
    }

    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue? { values[field] }
}

private func compare(_ field: VertexFilterField, _ comparator: VertexFilterComparator, _ value: String)
    -> VertexFilterCondition
{
    .comparison(VertexFilterComparison(target: .field(field), comparator: comparator, operand: .text(value)))
}

private func label(_ key: String, _ comparator: VertexFilterComparator, _ operand: VertexFilterOperand)
    -> VertexFilterCondition
{
    .comparison(VertexFilterComparison(target: .label(key), comparator: comparator, operand: operand))
}

private func created(_ comparator: VertexFilterComparator, _ instant: Timestamp) -> VertexFilterCondition {
    .comparison(VertexFilterComparison(target: .field(.createTime), comparator: comparator, operand: .time(instant)))
}

private func time(_ text: String) throws -> Timestamp {
    try #require(Timestamp(rfc3339: text))
}

private func parse(_ text: String, _ list: VertexFilterableList) throws -> VertexFilterCondition? {
    try VertexFilterExpression(parsing: text, for: list).condition
}

private let succeeded = "PIPELINE_STATE_SUCCEEDED"
private let failed = "PIPELINE_STATE_FAILED"
private let imageDefinition =
    "gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_image_classification_1.0.0.yaml"

/// Every documented filter form of reference §2.7 reads into the expected condition, with AIP-160's precedence.
@Suite struct VertexFilterParsingTests {
    @Test(arguments: ["", "   ", "\t\n"])
    func blankFilterMatchesEverything(text: String) throws {
        for list in VertexFilterableList.allCases {
            let filter = try VertexFilterExpression(parsing: text, for: list)
            #expect(filter.isEmpty)
            #expect(filter.description == "")
            #expect(filter.matches(VertexSubject()))
        }
    }

    @Test func documentedFormsParse() throws {
        let createdAfter = try time("2021-05-18T00:00:00Z")
        let cases: [(String, VertexFilterableList, VertexFilterCondition)] = [
            (#"display_name="flowers""#, .datasets, compare(.displayName, .equals, "flowers")),
            ("display_name != flowers", .datasets, compare(.displayName, .notEquals, "flowers")),
            (
                #"metadata_schema_uri="gs://x/image_1.0.0.yaml""#, .datasets,
                compare(.metadataSchemaURI, .equals, "gs://x/image_1.0.0.yaml")
            ),
            ("labels.env=prod", .datasets, label("env", .equals, .text("prod"))),
            ("labels.my-key_2 != x", .datasets, label("my-key_2", .notEquals, .text("x"))),
            ("labels.env:*", .datasets, label("env", .has, .present)),
            ("labels:env", .datasets, compare(.labels, .has, "env")),
            (
                #"state="PIPELINE_STATE_SUCCEEDED" AND display_name:"run_*""#, .trainingPipelines,
                .and([compare(.state, .equals, succeeded), compare(.displayName, .has, "run_*")])
            ),
            (
                #"training_task_definition:"*automl_image*""#, .trainingPipelines,
                compare(.trainingTaskDefinition, .has, "*automl_image*")
            ),
            (#"create_time>"2021-05-18T00:00:00Z""#, .trainingPipelines, created(.greater, createdAfter)),
            ("model=1234", .models, compare(.model, .equals, "1234")),
            (#"base_model_name="text-bison""#, .models, compare(.baseModelName, .equals, "text-bison")),
            ("endpoint=1", .endpoints, compare(.endpoint, .equals, "1")),
            (#"labels.team="vision""#, .endpoints, label("team", .equals, .text("vision"))),
            (#"display_name="Evaluation""#, .evaluations, compare(.displayName, .equals, "Evaluation")),
        ]
        for (text, list, expected) in cases {
            let filter = try VertexFilterExpression(parsing: text, for: list)
            #expect(filter.condition == expected, "\(text)")
            #expect(filter.list == list)
        }
    }

    @Test func everyComparatorParsesForCreateTime() throws {
        let instant = try time("2021-05-18T00:00:00Z")
        for comparator in VertexFilterComparator.allCases where comparator != .has {
            let condition = try parse("create_time \(comparator) 2021-05-18T00:00:00Z", .trainingPipelines)
            #expect(condition == created(comparator, instant), "\(comparator)")
        }
    }

    @Test func camelCaseSpellingsNameTheSameField() throws {
        let pairs: [(String, String, VertexFilterableList)] = [
            (#"displayName="a""#, #"display_name="a""#, .datasets),
            (#"metadataSchemaUri!="u""#, #"metadata_schema_uri!="u""#, .datasets),
            (#"trainingTaskDefinition:"*image*""#, #"training_task_definition:"*image*""#, .trainingPipelines),
            (#"createTime<="2021-01-01T00:00:00Z""#, #"create_time<="2021-01-01T00:00:00Z""#, .trainingPipelines),
            (#"baseModelName="b""#, #"base_model_name="b""#, .endpoints),
        ]
        for (alternate, documented, list) in pairs {
            #expect(try parse(alternate, list) == parse(documented, list), "\(alternate)")
        }
    }

    @Test func orBindsTighterThanAnd() throws {
        let a = compare(.displayName, .equals, "a")
        let b = compare(.state, .equals, succeeded)
        let c = compare(.state, .equals, failed)
        let pipelines = VertexFilterableList.trainingPipelines
        let aAndBOrC = #"display_name="a" AND state="PIPELINE_STATE_SUCCEEDED" OR state="PIPELINE_STATE_FAILED""#
        #expect(try parse(aAndBOrC, pipelines) == .and([a, .or([b, c])]), "a AND b OR c is a AND (b OR c)")
        let aOrBAndC = #"display_name="a" OR state="PIPELINE_STATE_SUCCEEDED" AND state="PIPELINE_STATE_FAILED""#
        #expect(try parse(aOrBAndC, pipelines) == .and([.or([a, b]), c]), "a OR b AND c is (a OR b) AND c")
        let grouped = #"(display_name="a" AND state="PIPELINE_STATE_SUCCEEDED") OR state="PIPELINE_STATE_FAILED""#
        #expect(try parse(grouped, pipelines) == .or([.and([a, b]), c]), "parentheses override the precedence")
    }

    @Test func juxtapositionIsAnd() throws {
        #expect(
            try parse(#"display_name="a" labels.env:*"#, .datasets)
                == parse(#"display_name="a" AND labels.env:*"#, .datasets))
    }

    @Test func negationAppliesToATermOrAGroup() throws {
        let a = compare(.displayName, .equals, "a")
        let b = compare(.displayName, .equals, "b")
        #expect(try parse(#"NOT display_name="a""#, .datasets) == .not(a))
        #expect(try parse(#"-display_name="a""#, .datasets) == .not(a))
        #expect(try parse(#"NOT(display_name="a")"#, .datasets) == .not(a))
        #expect(try parse(#"NOT (display_name="a" OR display_name="b")"#, .datasets) == .not(.or([a, b])))
        #expect(try parse(#"NOT display_name="a" OR display_name="b""#, .datasets) == .or([.not(a), b]))
        #expect(try parse(#"NOT NOT display_name="a""#, .datasets) == .not(.not(a)))
    }

    @Test func nestedGroupsFlatten() throws {
        let a = compare(.displayName, .equals, "a")
        let b = compare(.displayName, .equals, "b")
        let c = compare(.displayName, .equals, "c")
        #expect(try parse(#"(display_name=a AND display_name=b) AND display_name=c"#, .datasets) == .and([a, b, c]))
        #expect(try parse(#"display_name=a OR (display_name=b OR display_name=c)"#, .datasets) == .or([a, b, c]))
        #expect(try parse("((display_name=a))", .datasets) == a)
    }

    @Test func quotesAndEscapes() throws {
        #expect(try parse("display_name='a b'", .datasets) == compare(.displayName, .equals, "a b"))
        let escaped = compare(.displayName, .equals, #"say "hi" \ ok"#)
        #expect(try parse(#"display_name="say \"hi\" \\ ok""#, .datasets) == escaped)
        #expect(try parse(#"display_name="""#, .datasets) == compare(.displayName, .equals, ""))
        #expect(try parse("display_name=\"AND\"", .datasets) == compare(.displayName, .equals, "AND"))
        let system = "aiplatform.googleapis.com/dataset_metadata_schema"
        #expect(try parse("labels.\"\(system)\"=IMAGE", .datasets) == label(system, .equals, .text("IMAGE")))
        #expect(try parse("labels.'env'=prod", .datasets) == label("env", .equals, .text("prod")))
    }

    @Test func timesAreComparedAsInstants() throws {
        #expect(
            try parse(#"create_time="2021-05-18T02:00:00+02:00""#, .trainingPipelines)
                == parse(#"create_time="2021-05-18T00:00:00Z""#, .trainingPipelines))
    }

    @Test func canonicalFormParsesBack() throws {
        let system = "aiplatform.googleapis.com/dataset_metadata_schema"
        let texts: [(String, VertexFilterableList, String)] = [
            ("displayName = 'a b' AND labels.env:*", .datasets, #"display_name="a b" AND labels.env:*"#),
            (
                "-state=PIPELINE_STATE_FAILED OR display_name:run_*", .trainingPipelines,
                #"NOT state="PIPELINE_STATE_FAILED" OR display_name:"run_*""#
            ),
            (
                "display_name=a AND state=PIPELINE_STATE_FAILED OR state=PIPELINE_STATE_CANCELLED", .trainingPipelines,
                #"display_name="a" AND (state="PIPELINE_STATE_FAILED" OR state="PIPELINE_STATE_CANCELLED")"#
            ),
            (
                "(display_name=a AND labels.x=1) OR labels.y:*", .datasets,
                #"(display_name="a" AND labels.x="1") OR labels.y:*"#
            ),
            ("NOT (labels:env OR labels:team)", .models, #"NOT (labels:"env" OR labels:"team")"#),
            (
                "createTime >= 2021-05-18T02:00:00+02:00", .trainingPipelines,
                #"create_time>="2021-05-18T00:00:00Z""#
            ),
            ("labels.\"\(system)\"=IMAGE", .datasets, "labels.\"\(system)\"=\"IMAGE\""),
            ("labels.'env'=prod", .datasets, #"labels.env="prod""#),
            (#"display_name="a" labels:*"#, .endpoints, #"display_name="a" AND labels:*"#),
            (#"NOT NOT display_name="a""#, .datasets, #"NOT NOT display_name="a""#),
            ("display_name=\u{600}", .datasets, "display_name=\"\u{600}\""),
            ("", .models, ""),
        ]
        for (text, list, canonical) in texts {
            let filter = try VertexFilterExpression(parsing: text, for: list)
            #expect(filter.description == canonical, "\(text)")
            #expect(try VertexFilterExpression(parsing: filter.description, for: list) == filter, "\(text)")
        }
    }

    @Test func everyAcceptedFilterHasACanonicalFormWithinTheLimit() throws {
        let limit = VertexFilterParser.maximumDepth
        // Stacked negations cost one level each, in the text and in the canonical form.
        let negations = String(repeating: "NOT ", count: limit - 1) + "display_name=a"
        let negated = try VertexFilterExpression(parsing: negations, for: .datasets)
        #expect(try VertexFilterExpression(parsing: negated.description, for: .datasets) == negated)
        // Precedence nests the tree deeper than the text: each `a (…) OR b` is `a AND ((…) OR b)`, two levels of the
        // tree and of the canonical form for one of the text. The tree is held to the same limit.
        func nested(_ levels: Int) -> String {
            (0..<levels).reduce("display_name=a") { inner, _ in "display_name=a (\(inner)) OR display_name=b" }
        }
        #expect(throws: FilterError.self) { try VertexFilterExpression(parsing: nested(limit / 2 + 1), for: .datasets) }
        let parsed = try VertexFilterExpression(parsing: nested(limit / 2 - 1), for: .datasets)
        #expect(try VertexFilterExpression(parsing: parsed.description, for: .datasets) == parsed)
    }

    @Test func reasonableNestingIsAccepted() throws {
        let text = String(repeating: "(", count: 30) + "display_name=a" + String(repeating: ")", count: 30)
        #expect(try parse(text, .datasets) == compare(.displayName, .equals, "a"))
    }
}

/// Parsed Vertex AI filters select the resources the documentation says they select.
@Suite struct VertexFilterMatchingTests {
    private func matches(_ text: String, _ list: VertexFilterableList, _ subject: VertexSubject) throws -> Bool {
        try VertexFilterExpression(parsing: text, for: list).matches(subject)
    }

    private func pipeline(
        _ name: String, state: String = succeeded, created: String? = "2021-05-18T12:00:00Z",
        labels: [String: String] = [:]
    ) throws -> VertexSubject {
        var values: [VertexFilterField: VertexFilterValue] = [
            .displayName: .text(name), .state: .text(state), .trainingTaskDefinition: .text(imageDefinition),
            .labels: .labels(labels),
        ]
        if let created { values[.createTime] = .time(try time(created)) }
        return VertexSubject(values)
    }

    @Test func displayNameEqualityIsExact() throws {
        let run = try pipeline("run_1")
        #expect(try matches(#"display_name="run_1""#, .trainingPipelines, run))
        #expect(try !matches(#"display_name="run_""#, .trainingPipelines, run), "no prefix matching")
        #expect(try !matches(#"display_name="run_*""#, .trainingPipelines, run), "* is literal after =")
        #expect(try matches(#"display_name!="run_2""#, .trainingPipelines, run))
        #expect(try !matches(#"display_name!="run_1""#, .trainingPipelines, run))
    }

    @Test func hasMatchesWildcards() throws {
        let run = try pipeline("run_12")
        #expect(try matches(#"display_name:"run_*""#, .trainingPipelines, run))
        #expect(try matches("display_name:*_12", .trainingPipelines, run))
        #expect(try matches(#"display_name:"r*n*2""#, .trainingPipelines, run))
        #expect(try matches(#"display_name:"run_12""#, .trainingPipelines, run), "a pattern without * is exact")
        #expect(try !matches(#"display_name:"run""#, .trainingPipelines, run))
        #expect(try !matches(#"display_name:"walk_*""#, .trainingPipelines, run))
        #expect(try matches(#"training_task_definition:"*automl_image*""#, .trainingPipelines, run))
        #expect(try !matches(#"training_task_definition:"*automl_text*""#, .trainingPipelines, run))
    }

    @Test func presenceFollowsProto3() throws {
        let named = try pipeline("run")
        let unnamed = try pipeline("")
        #expect(try matches("display_name:*", .trainingPipelines, named))
        #expect(try !matches("display_name:*", .trainingPipelines, unnamed), "an empty string is not set")
        #expect(try matches(#"display_name="""#, .trainingPipelines, VertexSubject()), "absent is the empty string")
        #expect(try !matches("display_name:*", .trainingPipelines, VertexSubject()))
    }

    @Test func wildcardPatterns() {
        let cases: [(String, String, Bool)] = [
            ("run_*", "run_1", true), ("run_*", "run_", true), ("run_*", "xrun_1", false), ("*_2", "run_2", true),
            ("*", "", true), ("**", "x", true), ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false),
            ("*a*", "banana", true), ("*ab", "aab", true), ("a*ab", "aaab", true), ("a", "a", true),
            ("a", "ab", false), ("", "", true), ("", "a", false), ("é*", "été", true),
        ]
        for (pattern, text, expected) in cases {
            #expect(VertexFilterComparison.wildcard(pattern, matches: text) == expected, "\(pattern) ~ \(text)")
        }
    }

    @Test func stateCombinesWithOrAndNot() throws {
        let done = try pipeline("a", state: succeeded)
        let broken = try pipeline("b", state: failed)
        let running = try pipeline("c", state: "PIPELINE_STATE_RUNNING")
        let endedBadly = #"state="PIPELINE_STATE_FAILED" OR state="PIPELINE_STATE_CANCELLED""#
        #expect(try matches(endedBadly, .trainingPipelines, broken))
        #expect(try !matches(endedBadly, .trainingPipelines, done))
        #expect(try matches(#"NOT state="PIPELINE_STATE_SUCCEEDED""#, .trainingPipelines, running))
        #expect(try !matches(#"-state=PIPELINE_STATE_SUCCEEDED"#, .trainingPipelines, done))
        #expect(try matches(#"state!="PIPELINE_STATE_FAILED" OR display_name="b""#, .trainingPipelines, broken))
    }

    @Test func precedenceDecidesTheResult() throws {
        // a is false, b false, c true: a AND (b OR c) is false, where (a AND b) OR c would be true.
        let subject = try pipeline("x", state: failed)
        let text = #"display_name="a" AND state="PIPELINE_STATE_SUCCEEDED" OR state="PIPELINE_STATE_FAILED""#
        #expect(try !matches(text, .trainingPipelines, subject))
        let grouped = #"(display_name="a" AND state="PIPELINE_STATE_SUCCEEDED") OR state="PIPELINE_STATE_FAILED""#
        #expect(try matches(grouped, .trainingPipelines, subject))
    }

    @Test func createTimeComparesInstants() throws {
        let noon = try pipeline("a", created: "2021-05-18T12:00:00Z")
        let cases: [(String, Bool)] = [
            (#"create_time>"2021-05-18T00:00:00Z""#, true),
            (#"create_time<"2021-05-18T00:00:00Z""#, false),
            (#"create_time>="2021-05-18T12:00:00Z""#, true),
            (#"create_time>"2021-05-18T12:00:00Z""#, false),
            (#"create_time<="2021-05-18T14:00:00+02:00""#, true),
            (#"create_time="2021-05-18T14:00:00+02:00""#, true),
            (#"create_time!="2021-05-18T12:00:00Z""#, false),
            (#"create_time<"2021-05-18T12:00:00.000000001Z""#, true),
            (#"createTime > "2021-05-18T11:59:59.999Z" AND createTime < "2021-05-19T00:00:00Z""#, true),
        ]
        for (text, expected) in cases {
            #expect(try matches(text, .trainingPipelines, noon) == expected, "\(text)")
        }
        let undated = try pipeline("b", created: nil)
        #expect(try !matches(#"create_time<"2100-01-01T00:00:00Z""#, .trainingPipelines, undated))
        #expect(try !matches(#"create_time>"1970-01-01T00:00:00Z""#, .trainingPipelines, undated))
        #expect(try matches(#"create_time!="2021-05-18T12:00:00Z""#, .trainingPipelines, undated))
    }

    @Test func labelsMatchByKeyAndValue() throws {
        let system = "aiplatform.googleapis.com/dataset_metadata_schema"
        let tagged = VertexSubject([.labels: .labels(["env": "prod", "team": "", system: "IMAGE"])])
        let bare = VertexSubject([.labels: .labels([:])])
        let cases: [(String, VertexSubject, Bool)] = [
            ("labels.env=prod", tagged, true),
            ("labels.env=dev", tagged, false),
            ("labels.env!=dev", tagged, true),
            ("labels.env!=prod", bare, true),
            ("labels.env=\"\"", bare, false),
            ("labels.env:*", tagged, true),
            ("labels.team:*", tagged, true),
            ("labels.env:*", bare, false),
            ("labels:env", tagged, true),
            ("labels:owner", tagged, false),
            ("labels:\"e*\"", tagged, true),
            ("labels:*", tagged, true),
            ("labels:*", bare, false),
            ("labels:*", VertexSubject(), false),
            ("labels.env:\"pr*\"", tagged, true),
            ("labels.env:\"dev*\"", tagged, false),
            ("labels.\"\(system)\"=IMAGE", tagged, true),
            ("NOT labels:env", bare, true),
        ]
        for (text, subject, expected) in cases {
            #expect(try matches(text, .datasets, subject) == expected, "\(text)")
        }
    }

    @Test func modelsAndEndpointsMatchTheirIDs() throws {
        let model = VertexSubject([.model: .text("1234"), .displayName: .text("m1")])
        #expect(try matches("model=1234", .models, model))
        #expect(try matches(#"model!="1234" OR displayName="m1""#, .models, model))
        #expect(try !matches("model=12", .models, model))
        #expect(try matches(#"base_model_name="""#, .models, model), "local models have no base model")
        #expect(try !matches(#"base_model_name="text-bison""#, .models, model))
        let endpoint = VertexSubject([.endpoint: .text("ep-1")])
        #expect(try matches("endpoint=ep-1", .endpoints, endpoint))
        #expect(try !matches("endpoint=ep-2", .endpoints, endpoint))
    }

    @Test func storedResourcesAnswerTheirFields() throws {
        var pipeline = VertexTrainingPipeline()
        pipeline.displayName = "run_7"
        pipeline.state = .succeeded
        pipeline.trainingTaskDefinition = imageDefinition
        pipeline.createTime = try time("2021-05-18T12:00:00Z")
        pipeline.labels = ["env": "prod"]
        let view = PipelineView(seq: 1, pipeline: pipeline)
        let text =
            #"state="PIPELINE_STATE_SUCCEEDED" AND display_name:"run_*" AND labels.env=prod"#
            + #" AND training_task_definition:"*automl_image*" AND create_time>"2021-01-01T00:00:00Z""#
        #expect(try VertexFilterExpression(parsing: text, for: .trainingPipelines).matches(view))

        var endpoint = VertexEndpoint()
        endpoint.name = "projects/1/locations/us-central1/endpoints/42"
        endpoint.displayName = "serving"
        let row = EndpointRow(seq: 1, endpoint: endpoint)
        let byID = #"endpoint=42 AND displayName="serving""#
        #expect(try VertexFilterExpression(parsing: byID, for: .endpoints).matches(row))
        #expect(try !VertexFilterExpression(parsing: "endpoint=4", for: .endpoints).matches(row))

        var dataset = VertexDataset()
        dataset.displayName = "flowers"
        dataset.metadataSchemaUri = VertexSchema.imageDataset
        dataset.labels = ["aiplatform.googleapis.com/dataset_metadata_schema": "IMAGE"]
        let stored = StoredVertexDataset(id: "5", seq: 1, kind: nil, dataset: dataset)
        let schema = #"metadata_schema_uri="\#(VertexSchema.imageDataset)""#
        #expect(try VertexFilterExpression(parsing: schema, for: .datasets).matches(stored))
        let systemLabel = #"labels."aiplatform.googleapis.com/dataset_metadata_schema"=IMAGE"#
        #expect(try VertexFilterExpression(parsing: systemLabel, for: .datasets).matches(stored))
    }
}

/// Vertex AI filters outside the grammar, or naming what the list does not have, fail with a message that quotes the
/// filter, names the problem and lists what the list supports.
@Suite struct VertexFilterErrorTests {
    private func message(_ text: String, _ list: VertexFilterableList) -> String? {
        let error = #expect(throws: FilterError.self, "\(text)") {
            try VertexFilterExpression(parsing: text, for: list)
        }
        return error?.message
    }

    private func expectError(_ text: String, _ list: VertexFilterableList, mentions pieces: [String]) {
        guard let message = message(text, list) else { return }
        for piece in pieces {
            #expect(message.contains(piece), "\(message) should mention \(piece)")
        }
        #expect(message.contains(FilterValue.quoted(text)), "\(message) should quote the filter")
        #expect(message.contains(list.supportedFieldsSummary), "\(message) should list the fields")
    }

    @Test func unknownFieldsAreNamed() {
        expectError("foo=1", .datasets, mentions: ["unknown field \"foo\""])
        expectError("state=PIPELINE_STATE_SUCCEEDED", .datasets, mentions: ["unknown field \"state\""])
        expectError("model=1", .endpoints, mentions: ["unknown field \"model\""])
        expectError("endpoint=1", .models, mentions: ["unknown field \"endpoint\""])
        expectError("create_time>2021-01-01T00:00:00Z", .datasets, mentions: ["unknown field \"create_time\""])
        expectError("labels.env=x", .evaluations, mentions: ["unknown field \"labels.env\""])
        expectError("slice.dimension=annotationSpec", .evaluations, mentions: ["unknown field \"slice.dimension\""])
        expectError("Display_Name=x", .datasets, mentions: ["unknown field \"Display_Name\""])
        expectError("display_name=x", .slices, mentions: ["unknown field \"display_name\""])
    }

    @Test func supportedFieldsAreListed() {
        let datasets = message("foo=1", .datasets) ?? ""
        #expect(
            datasets.contains(
                "datasets filters support display_name or displayName (=, !=); metadata_schema_uri or "
                    + "metadataSchemaUri (=, !=); labels.KEY (=, !=, :) or labels:KEY, joined with AND, OR, NOT and "
                    + "parentheses"))
        let pipelines = message("foo=1", .trainingPipelines) ?? ""
        #expect(pipelines.contains("display_name or displayName (=, !=, :)"))
        #expect(pipelines.contains("state (=, !=)"))
        #expect(pipelines.contains("training_task_definition or trainingTaskDefinition (=, !=, :)"))
        #expect(pipelines.contains("create_time or createTime (=, !=, <, <=, >, >=, RFC 3339)"))
        let models = message("foo=1", .models) ?? ""
        #expect(models.contains("model (=, !=)"))
        #expect(models.contains("base_model_name or baseModelName (=)"))
        #expect((message("foo=1", .endpoints) ?? "").contains("endpoint (=, !=)"))
        #expect((message("foo=1", .slices) ?? "").contains("model evaluation slices filters support no fields"))
    }

    @Test func operatorsAFieldDoesNotSupportAreRejected() {
        expectError(
            #"display_name:"run_*""#, .datasets,
            mentions: ["display_name does not support :; use display_name=, display_name!="])
        expectError(#"displayName < "b""#, .trainingPipelines, mentions: ["displayName does not support <"])
        expectError(#"base_model_name!="x""#, .models, mentions: ["does not support !=; use base_model_name="])
        expectError(#"labels="x""#, .datasets, mentions: ["labels does not support =; use labels:KEY"])
        expectError("create_time:*", .trainingPipelines, mentions: ["create_time does not support :"])
        expectError("labels.env>a", .datasets, mentions: ["labels.env does not support >"])
        expectError("display_name==a", .datasets, mentions: ["operator \"==\" is not supported; use ="])
        expectError("display_name a", .datasets, mentions: ["expected =, !=, <, <=, >, >= or : after \"display_name\""])
        expectError("display_name", .datasets, mentions: ["after \"display_name\""])
    }

    @Test func badValuesAreRejected() {
        expectError(
            "create_time>yesterday", .trainingPipelines,
            mentions: ["create_time takes an RFC 3339 time with a zone", "not \"yesterday\""])
        expectError("create_time>\"2021-05-18T00:00:00\"", .trainingPipelines, mentions: ["RFC 3339"])
        expectError(
            "state=SUCCEEDED", .trainingPipelines,
            mentions: ["state takes a pipeline state (PIPELINE_STATE_UNSPECIFIED", "not \"SUCCEEDED\""])
        expectError("display_name=", .datasets, mentions: ["missing value after \"display_name=\""])
        expectError("display_name= AND labels:a", .datasets, mentions: ["missing value", "found \"AND\""])
        expectError("display_name=\"a", .datasets, mentions: ["unterminated quoted value \"a"])
        expectError("labels.=x", .datasets, mentions: ["expected a label key after \"labels.\""])
        expectError("labels.\"\"=x", .datasets, mentions: ["a label key must not be empty"])
        expectError("labels.a.b/c=x", .datasets, mentions: ["must be quoted"])
    }

    @Test func brokenStructureIsRejected() {
        expectError("display_name=a AND", .datasets, mentions: ["the filter ends after AND"])
        expectError("display_name=a OR  ", .datasets, mentions: ["the filter ends after OR"])
        expectError("NOT", .datasets, mentions: ["the filter ends after NOT"])
        expectError("-", .datasets, mentions: ["the filter ends after -"])
        expectError("NOT=a", .datasets, mentions: ["NOT must be followed by a blank or \"(\""])
        expectError("OR display_name=a", .datasets, mentions: ["expected a term before OR"])
        expectError("display_name=a AND AND display_name=b", .datasets, mentions: ["expected a term before AND"])
        expectError("(display_name=a", .datasets, mentions: ["the \"(\" at character 1 is never closed"])
        expectError("display_name=a)", .datasets, mentions: ["\")\" closes no \"(\""])
        expectError("()", .datasets, mentions: ["empty parentheses"])
        expectError("(", .datasets, mentions: ["the filter ends after \"(\""])
        expectError("(display_name=a AND)", .datasets, mentions: ["AND must be followed by a term, not \")\""])
        expectError("=a", .datasets, mentions: ["expected a field name at \"=a\""])
    }

    @Test func keywordsAreCaseSensitive() {
        expectError("display_name=a and display_name=b", .datasets, mentions: ["\"and\" is not a field"])
        expectError("display_name=a or display_name=b", .datasets, mentions: ["\"or\" is not a field"])
        expectError("not display_name=a", .datasets, mentions: ["\"not\" is not a field", "case-sensitive"])
    }

    @Test func deepNestingIsRefused() {
        let parentheses = String(repeating: "(", count: 70) + "display_name=a" + String(repeating: ")", count: 70)
        expectError(parentheses, .datasets, mentions: ["nest more than \(VertexFilterParser.maximumDepth) deep"])
        let negations = String(repeating: "NOT ", count: 70) + "display_name=a"
        expectError(negations, .datasets, mentions: ["nest more than"])
    }

    @Test func listQueryAnswersInvalidArgument() throws {
        let error = #expect(throws: ServiceError.self) {
            try ListQuery(["filter": "foo=1"], vertex: .datasets, parent: "projects/p/locations/l")
        }
        #expect(error?.message.contains("unknown field \"foo\"") == true)
        let query = try ListQuery(["filter": "displayName = 'a'"], vertex: .datasets, parent: "projects/p/locations/l")
        let expected = try VertexFilterExpression(parsing: #"display_name="a""#, for: .datasets)
        #expect(query.filter == .vertex(expected))
    }
}

/// Page tokens of Vertex AI lists are bound to the canonical filter, and never continue a v1 list.
@Suite struct VertexFilterPageScopeTests {
    private let parent = "projects/p/locations/us-central1"

    private func scope(_ filter: String, _ list: VertexFilterableList = .datasets) throws -> PageScope {
        PageScope(parent: parent, filter: try VertexFilterExpression(parsing: filter, for: list))
    }

    @Test func sameFilterSpelledDifferentlyKeepsTheToken() throws {
        let token = PageToken(lastKey: "k", scope: try scope("displayName = 'a' labels.env:*"))
        let respelled = try scope(#"display_name="a" AND labels.env:*"#)
        #expect(try PageToken(decoding: token.encoded, scope: respelled).lastKey == "k")
    }

    @Test func tokenOfAnotherQueryIsRejected() throws {
        let encoded = PageToken(lastKey: "k", scope: try scope(#"display_name="a""#)).encoded
        let others = [
            try scope(#"display_name="b""#),
            try scope(""),
            try scope(#"display_name="a""#, .models),
            PageScope(parent: parent, filter: FilterExpression(list: .datasets)),
        ]
        for other in others {
            #expect(throws: PagingError.self) { try PageToken(decoding: encoded, scope: other) }
        }
    }

    @Test func vertexAndV1ListsHaveDistinctScopes() throws {
        let vertex = PageScope(parent: parent, filter: VertexFilterExpression(list: .datasets))
        let v1 = PageScope(parent: parent, filter: FilterExpression(list: .datasets))
        #expect(vertex.fingerprint != v1.fingerprint)
        #expect(ListFilter.vertex(VertexFilterExpression(list: .models)).scopeName == "vertex.models")
    }

    @Test func listFilterMatchesVertexItems() throws {
        let filter = ListFilter.vertex(try VertexFilterExpression(parsing: "labels:env", for: .datasets))
        #expect(filter.matches(VertexSubject([.labels: .labels(["env": "x"])])))
        #expect(!filter.matches(VertexSubject()))
        #expect(ListFilter.v1(FilterExpression(list: .datasets)).matches(VertexSubject()), "an empty filter")
    }
}
