import AutoMLClient
import Foundation
import Testing

/// Reading accepts everything the proto3 JSON mapping allows; writing gives the canonical form.
@Suite struct ProtoJSONLenientReadingTests {
    private func model(_ text: String) throws -> Model {
        try Model(protoJSON: parseJSON(text), path: "")
    }

    // MARK: Reading

    @Test func snakeCaseKeys() throws {
        let model = try model(
            """
            {"display_name": "m1", "dataset_id": "ICN1", "deployment_state": "DEPLOYED",
             "create_time": "2024-05-01T10:00:00Z",
             "image_classification_model_metadata": {"train_budget_milli_node_hours": "8000", "node_qps": 3.2}}
            """)
        #expect(model.displayName == "m1" && model.datasetId == "ICN1" && model.deploymentState == .deployed)
        #expect(model.createTime == Timestamp(seconds: 1_714_557_600))
        #expect(model.imageClassificationModelMetadata?.trainBudgetMilliNodeHours == 8000)
        #expect(model.imageClassificationModelMetadata?.nodeQps == 3.2)
        #expect(model.unknownFields.isEmpty)
        let written = model.protoJSON(options: .canonical)
        #expect(written["displayName"] == .string("m1") && written["display_name"] == nil)
        let entry = try ClassificationEvaluationMetrics.ConfidenceMetricsEntry(
            protoJSON: parseJSON(#"{"f1_score_at1": 0.5, "recall_at1": 0.25, "true_positive_count": 3}"#), path: "")
        #expect(entry.f1ScoreAt1 == 0.5 && entry.recallAt1 == 0.25 && entry.truePositiveCount == 3)
    }

    @Test(arguments: [#""8000""#, "8000", "8000.0", "8e3"])
    func int64AsStringOrNumber(_ budget: String) throws {
        let model = try model(#"{"imageClassificationModelMetadata": {"trainBudgetMilliNodeHours": \#(budget)}}"#)
        #expect(model.imageClassificationModelMetadata?.trainBudgetMilliNodeHours == 8000)
        #expect(
            model.protoJSON(options: .canonical)["imageClassificationModelMetadata"]?["trainBudgetMilliNodeHours"]
                == .string("8000"))
    }

    /// Swift's number parsers read "0x10" as 16: a quoted number must be spelled as a JSON number.
    @Test(arguments: [#""0x10""#, #""+16""#, #"" 16""#, #""16 ""#, #""1_6""#, #""016""#, #""1e""#, #""inf""#])
    func numbersInStringsMustBeSpelledAsJSONNumbers(_ count: String) throws {
        #expect(throws: ProtoJSONError.self) {
            _ = try model(#"{"imageClassificationModelMetadata": {"nodeCount": \#(count)}}"#)
        }
        #expect(throws: ProtoJSONError.self) {
            _ = try model(#"{"imageClassificationModelMetadata": {"nodeQps": \#(count)}}"#)
        }
        #expect(throws: ProtoJSONError.self) { _ = try Status(protoJSON: parseJSON(#"{"code": \#(count)}"#), path: "") }
    }

    @Test func int64BeyondDoublePrecisionAsString() throws {
        let entry = try ClassificationEvaluationMetrics.ConfidenceMetricsEntry(
            protoJSON: parseJSON(#"{"truePositiveCount": "9007199254740993"}"#), path: "")
        #expect(entry.truePositiveCount == 9_007_199_254_740_993)
    }

    @Test func enumByNumber() throws {
        #expect(try model(#"{"deploymentState": 1}"#).deploymentState == .deployed)
        #expect(try model(#"{"deploymentState": 2}"#).deploymentState == .undeployed)
        let dataset = try Dataset(
            protoJSON: parseJSON(#"{"imageClassificationDatasetMetadata": {"classificationType": 2}}"#),
            path: "")
        #expect(dataset.imageClassificationDatasetMetadata?.classificationType == .multilabel)
    }

    @Test func unknownEnumNameIsKeptAndWrittenBack() throws {
        let model = try model(#"{"deploymentState": "DEPLOYING"}"#)
        #expect(model.deploymentState.rawValue == "DEPLOYING")
        #expect(!model.deploymentState.isKnown && model.deploymentState.number == nil)
        #expect(model.protoJSON(options: .canonical)["deploymentState"] == .string("DEPLOYING"))
    }

    @Test func unknownEnumNumberIsKeptAndWrittenBackAsANumber() throws {
        let model = try model(#"{"deploymentState": 7}"#)
        #expect(!model.deploymentState.isKnown && model.deploymentState.number == 7)
        #expect(model.protoJSON(options: .canonical)["deploymentState"] == .integer(7))
        #expect(model.protoJSON(options: ProtoJSONOptions(enumsAsIntegers: true))["deploymentState"] == .integer(7))
    }

    @Test func unknownFieldsAreKeptAndWrittenBack() throws {
        let text =
            #"{"displayName": "m1", "futureField": {"a": [1, "two", null]}, "imageClassificationModelMetadata": {"trainBudget": "1"}}"#
        let model = try model(text)
        #expect(model.unknownFields == ["futureField": .object(["a": .array([.integer(1), .string("two"), .null])])])
        #expect(model.imageClassificationModelMetadata?.unknownFields == ["trainBudget": .string("1")])
        #expect(model.protoJSON(options: .canonical) == (try parseJSON(text)))
    }

    /// `null` for any field means the field's default.
    @Test(arguments: [
        "displayName", "datasetId", "createTime", "deploymentState", "labels",
        "imageClassificationModelMetadata",
    ])
    func nullMeansDefault(_ field: String) throws {
        let model = try model(#"{"name": "projects/p/locations/l/models/m", "\#(field)": null}"#)
        var expected = Model()
        expected.name = "projects/p/locations/l/models/m"
        #expect(model == expected)
        #expect(model.protoJSON(options: .canonical) == .object(["name": .string(expected.name)]))
    }

    @Test(arguments: ["done", "name", "error", "response"])
    func nullMeansDefaultInOperation(_ field: String) throws {
        let operation = try LongRunningOperation(protoJSON: parseJSON(#"{"\#(field)": null}"#), path: "")
        #expect(operation == LongRunningOperation())
    }

    @Test func nullMeansDefaultForNumbers() throws {
        let entry = try ClassificationEvaluationMetrics.ConfidenceMetricsEntry(
            protoJSON: parseJSON(#"{"recall": null, "positionThreshold": null, "truePositiveCount": null}"#), path: "")
        #expect(entry == ClassificationEvaluationMetrics.ConfidenceMetricsEntry())
    }

    @Test func timestampOffsetsNormalizeToZ() throws {
        let model = try model(
            #"{"createTime": "2024-05-01T12:00:00.5+02:00", "updateTime": "2024-04-30T23:30:00-05:30"}"#)
        let written = model.protoJSON(options: .canonical)
        #expect(written["createTime"] == .string("2024-05-01T10:00:00.500Z"))
        #expect(written["updateTime"] == .string("2024-05-01T05:00:00Z"))
    }

    @Test func timestampWithoutZoneIsRejectedNamingThePath() throws {
        let error = try #require(throws: ProtoJSONError.self) {
            try model(#"{"createTime": "2019-10-29T19:06:38.048492"}"#)
        }
        #expect(error.path == "createTime")
        #expect(error.description.hasPrefix("createTime: "))
        #expect(error.description.contains("2019-10-29T19:06:38.048492"))

        let nested = try #require(throws: ProtoJSONError.self) {
            try ListModelsResponse(jsonData: Data(#"{"model": [{}, {"updateTime": "2019-10-29"}]}"#.utf8))
        }
        #expect(nested.description.hasPrefix("model[1].updateTime: "))

        let operation = try LongRunningOperation(
            jsonData: Data(
                #"""
                {"metadata": {"@type": "type.googleapis.com/google.cloud.automl.v1.OperationMetadata",
                              "createTime": "2019-10-29T19:06:38"}}
                """#.utf8))
        #expect(operation.automlMetadata == nil)
        let unpackError = try #require(throws: ProtoJSONError.self) {
            try #require(operation.metadata).unpack(OperationMetadata.self, path: "metadata")
        }
        #expect(unpackError.path == "metadata.createTime")
    }

    @Test func anyWithoutTypeIsRejected() throws {
        let error = try #require(throws: ProtoJSONError.self) {
            try LongRunningOperation(jsonData: Data(#"{"name": "op", "done": true, "response": {"name": "x"}}"#.utf8))
        }
        #expect(error.path == "response" && error.description.contains("@type"))
        #expect(throws: ProtoJSONError.self) {
            try LongRunningOperation(jsonData: Data(#"{"metadata": {"@type": ""}}"#.utf8))
        }
        let status = try #require(throws: ProtoJSONError.self) {
            try Status(jsonData: Data(#"{"code": 3, "details": [{"reason": "x"}]}"#.utf8))
        }
        #expect(status.path == "details[0]")
    }

    @Test(arguments: [("NaN", Float.nan), ("Infinity", Float.infinity), ("-Infinity", -Float.infinity)])
    func nonFiniteFloats(_ text: String, _ value: Float) throws {
        let annotation = try ClassificationAnnotation(protoJSON: parseJSON(#"{"score": "\#(text)"}"#), path: "")
        #expect(annotation.score.isNaN == value.isNaN)
        if !value.isNaN { #expect(annotation.score == value) }
        #expect(annotation.protoJSON(options: .canonical)["score"] == .string(text))
    }

    @Test func base64URLSafeUnpaddedBytes() throws {
        let image = try Image(protoJSON: parseJSON(#"{"imageBytes": "-_8"}"#), path: "")
        #expect(image.imageBytes == Data([0xFB, 0xFF]))
        #expect(image.protoJSON(options: .canonical)["imageBytes"] == .string("+/8="))
        let padded = try Image(protoJSON: parseJSON(#"{"imageBytes": "+/8="}"#), path: "")
        #expect(padded == image)
        #expect(throws: ProtoJSONError.self) {
            try Image(protoJSON: parseJSON(#"{"imageBytes": "*not base64*"}"#), path: "")
        }
    }

    @Test func wrongJSONKindNamesThePath() throws {
        let error = try #require(throws: ProtoJSONError.self) {
            try model(#"{"imageClassificationModelMetadata": {"nodeCount": true}}"#)
        }
        #expect(error.path == "imageClassificationModelMetadata.nodeCount")
        #expect(throws: ProtoJSONError.self) { try Model(jsonData: Data("not json".utf8)) }
    }

    // MARK: Writing

    @Test func defaultsAreOmitted() throws {
        var operation = LongRunningOperation()
        operation.name = "projects/p/locations/l/operations/o"
        #expect(operation.protoJSON(options: .canonical) == .object(["name": .string(operation.name)]))
        #expect(Model().protoJSON(options: .canonical) == .object([:]))
        var status = Status()
        status.message = "m"
        #expect(status.protoJSON(options: .canonical) == .object(["message": .string("m")]))
        var vertex = NormalizedVertex(x: 0, y: 0.25)
        #expect(vertex.protoJSON(options: .canonical) == .object(["y": .number(0.25)]))
        vertex.x = -0.0
        #expect(vertex.protoJSON(options: .canonical)["x"] == nil)
    }

    @Test func emptyDetailsAreWrittenAsEmptyObjects() throws {
        var metadata = OperationMetadata()
        metadata.createModelDetails = OperationDetails()
        #expect(metadata.protoJSON(options: .canonical) == .object(["createModelDetails": .object([:])]))
        var operation = LongRunningOperation()
        operation.done = true
        operation.metadata = ProtoAny(metadata)
        operation.response = ProtoAny(Empty())
        #expect(
            operation.protoJSON(options: .canonical)
                == (try parseJSON(
                    """
                    {"done": true,
                     "metadata": {"@type": "type.googleapis.com/google.cloud.automl.v1.OperationMetadata", "createModelDetails": {}},
                     "response": {"@type": "type.googleapis.com/google.protobuf.Empty"}}
                    """)))
    }

    @Test func int64AndEnumsCanonicalAndAsIntegers() throws {
        var model = Model()
        model.deploymentState = .deployed
        var metadata = ImageClassificationModelMetadata()
        metadata.nodeCount = 2
        model.imageClassificationModelMetadata = metadata
        let canonical = model.protoJSON(options: .canonical)
        #expect(canonical["deploymentState"] == .string("DEPLOYED"))
        #expect(canonical["imageClassificationModelMetadata"]?["nodeCount"] == .string("2"))
        let numeric = model.protoJSON(options: ProtoJSONOptions(enumsAsIntegers: true))
        #expect(numeric["deploymentState"] == .integer(1))
        #expect(numeric["imageClassificationModelMetadata"]?["nodeCount"] == .string("2"))
        let dataset = try roundTripFixture("create-dataset-request.json", as: Dataset.self)
        #expect(
            dataset.protoJSON(options: ProtoJSONOptions(enumsAsIntegers: true))["imageClassificationDatasetMetadata"]
                == .object(["classificationType": .integer(1)]))
    }

    @Test func floatsWriteTheirShortestDecimal() throws {
        let annotation = ClassificationAnnotation(score: 0.93)
        #expect(annotation.protoJSON(options: .canonical)["score"] == .number(0.93))
        let text = String(decoding: annotation.jsonData(), as: UTF8.self)
        #expect(text == #"{"score":0.93}"#)
        #expect(!text.contains("0.9300000071525574"))
    }

    @Test func codableBridgeUsesProtoJSON() throws {
        var model = Model()
        model.deploymentState = .undeployed
        let encoder = JSONEncoder()
        encoder.userInfo[.protoJSONOptions] = ProtoJSONOptions(enumsAsIntegers: true)
        let data = try encoder.encode(model)
        #expect(String(decoding: data, as: UTF8.self) == #"{"deploymentState":2}"#)
        #expect(try JSONDecoder().decode(Model.self, from: data) == model)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Model.self, from: Data(#"{"createTime": "yesterday"}"#.utf8))
        }
    }
}
