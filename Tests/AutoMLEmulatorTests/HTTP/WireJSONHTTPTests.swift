import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// The proto3 JSON of reference section 5.3 and the operation shapes of section 4, as they cross the socket.
@Suite struct WireJSONHTTPTests {
    /// The system parameter the Python client adds to every call: `$alt=json;enum-encoding=int`, URL-encoded.
    static let integerEnums = "%24alt=json%3Benum-encoding%3Dint"

    @Test func enumsAreNamesByDefaultAndIntegersWhenAsked() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset(multiLabel: true)
            let path = served.v1("datasets/\(resourceID(dataset.name))")

            let named = try await served.rawJSON("GET", path)
            #expect(named["imageClassificationDatasetMetadata"]?["classificationType"] == .string("MULTILABEL"))
            let numbered = try await served.rawJSON("GET", path + "?" + Self.integerEnums)
            #expect(numbered["imageClassificationDatasetMetadata"]?["classificationType"] == .integer(2))
            let listed = try await served.rawJSON("GET", served.v1("datasets?\(Self.integerEnums)&pageSize=10"))
            #expect(
                listed["datasets"]?.arrayValue?.first?["imageClassificationDatasetMetadata"]?["classificationType"]
                    == .integer(2))

            let (_, model) = try await served.trainedModel(datasetName: "daisies")
            let modelPath = served.v1("models/\(resourceID(model.name))")
            #expect(try await served.rawJSON("GET", modelPath)["deploymentState"] == .string("UNDEPLOYED"))
            #expect(
                try await served.rawJSON("GET", modelPath + "?" + Self.integerEnums)["deploymentState"]
                    == .integer(2))
            // ListModels and GetOperation answer from stored JSON; asked for integers, they still give them.
            let models = try await served.rawJSON("GET", served.v1("models?\(Self.integerEnums)&pageSize=1"))
            #expect(models["model"]?.arrayValue?.first?["deploymentState"] == .integer(2))
            #expect(models["nextPageToken"] == nil)
            let plainList = try await served.raw("GET", served.v1("models"))
            let single = try await served.raw("GET", modelPath)
            #expect(
                String(decoding: plainList.body, as: UTF8.self)
                    == "{\"model\":[" + String(decoding: single.body, as: UTF8.self) + "]}")
            // The same list again comes from the cache; after a write it is read afresh.
            #expect(try await served.raw("GET", served.v1("models")).body == plainList.body)
            _ = try await served.raw(
                "PATCH", modelPath + "?updateMask=displayName",
                body: .text(#"{"displayName":"renamed"}"#))
            let renamed = try await served.rawJSON("GET", served.v1("models"))
            #expect(renamed["model"]?.arrayValue?.first?["displayName"] == .string("renamed"))
        }
    }

    /// System parameters and unknown query parameters change nothing (reference section 10, Query).
    @Test func systemAndUnknownQueryParametersAreIgnored() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let path = served.v1("datasets/\(resourceID(dataset.name))")
            let plain = try await served.raw("GET", path)
            for query in [
                "alt=json", "%24prettyPrint=false", "prettyPrint=true", "key=AIzaFake", "%24.xgafv=2",
                "%24fields=name", "unknown=1&another", "alt=json&%24prettyPrint=false&key=k",
            ] {
                let answered = try await served.raw("GET", path + "?" + query)
                #expect(answered.status == 200, "?\(query)")
                #expect(answered.body == plain.body, "?\(query)")
            }
        }
    }

    @Test func snakeCaseKeysAndIntegerEnumsInBodiesAreAccepted() async throws {
        try await withServedEmulator { served in
            let created = try await served.rawJSON(
                "POST", served.v1("datasets"),
                body: .text(
                    #"{"display_name":"x","image_classification_dataset_metadata":{"classification_type":1}}"#))
            let dataset = try #require(created["response"])
            #expect(dataset["displayName"] == .string("x"))
            #expect(dataset["imageClassificationDatasetMetadata"]?["classificationType"] == .string("MULTICLASS"))
            #expect(dataset["display_name"] == nil, "output uses lowerCamelCase only")

            let camel = try await served.rawJSON(
                "POST", served.v1("datasets"),
                body: .text(
                    #"{"displayName":"y","imageClassificationDatasetMetadata":{"classificationType":2}}"#))
            #expect(
                camel["response"]?["imageClassificationDatasetMetadata"]?["classificationType"]
                    == .string("MULTILABEL"))
        }
    }

    @Test func int64FieldsAreWrittenAsStringsAndReadEitherWay() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            try await served.importImages(into: dataset)
            // The budget sent as a JSON number: parsers accept int64 as a number or a string.
            let creating = try await served.rawJSON(
                "POST", served.v1("models"),
                body: .text(
                    #"{"displayName":"m1","datasetId":"\#(resourceID(dataset.name))","#
                        + #""imageClassificationModelMetadata":{"modelType":"cloud","trainBudgetMilliNodeHours":8000}}"#
                ))
            let model = try await served.result(of: try await served.settle(creating), as: Model.self)

            let got = try await served.rawJSON("GET", served.v1("models/\(resourceID(model.name))"))
            let metadata = try #require(got["imageClassificationModelMetadata"])
            #expect(metadata["trainBudgetMilliNodeHours"] == .string("8000"))
            #expect(
                metadata["trainCostMilliNodeHours"]?.stringValue.flatMap { Int64($0) } != nil,
                "trainCostMilliNodeHours is an int64 string: \(String(describing: metadata))")
            #expect(metadata["stopReason"] == .string("BUDGET_REACHED"))

            let operation = try await served.rawJSON("GET", "/v1/\(creating["name"]?.stringValue ?? "")")
            #expect(
                operation["response"]?["imageClassificationModelMetadata"]?["trainBudgetMilliNodeHours"]
                    == .string("8000"))
        }
    }

    @Test func doneOperationsCarryTheirResponseWithTheExactTypeURL() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let datasetPath = served.v1("datasets/\(resourceID(dataset.name))")
            let csv = try TestImages.classificationDataset(in: served.gcsRoot, labels: ["daisy", "tulip"], perLabel: 3)
            var started: [(kind: String, detailsKey: String, operation: JSONValue)] = []

            let created = try await served.rawJSON(
                "POST", served.v1("datasets"),
                body: .text(
                    #"{"displayName":"other","imageObjectDetectionDatasetMetadata":{}}"#))
            started.append(("google.cloud.automl.v1.Dataset", "createDatasetDetails", created))
            started.append(
                (
                    "google.protobuf.Empty", "importDataDetails",
                    try await served.rawJSON(
                        "POST", datasetPath + ":importData", body: .importing(csv))
                ))
            _ = try await served.settle(try #require(started.last?.operation))
            started.append(
                (
                    "google.protobuf.Empty", "exportDataDetails",
                    try await served.rawJSON(
                        "POST", datasetPath + ":exportData",
                        body: .text(#"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://data/out"}}}"#))
                ))
            let training = try await served.startTraining(on: dataset)
            let model = try await served.result(of: training, as: Model.self)
            started.append(
                (
                    "google.cloud.automl.v1.Model", "createModelDetails",
                    try await served.rawJSON("GET", "/v1/\(training.name)")
                ))
            let modelPath = served.v1("models/\(resourceID(model.name))")
            started.append(
                (
                    "google.protobuf.Empty", "deployModelDetails",
                    try await served.rawJSON("POST", modelPath + ":deploy", body: .text("{}"))
                ))
            _ = try await served.settle(try #require(started.last?.operation))
            started.append(
                (
                    "google.protobuf.Empty", "undeployModelDetails",
                    try await served.rawJSON("POST", modelPath + ":undeploy", body: .text("{}"))
                ))
            _ = try await served.settle(try #require(started.last?.operation))
            started.append(
                (
                    "google.protobuf.Empty", "undeployModelDetails",
                    try await served.rawJSON("POST", modelPath + ":undeploy", body: .text("{}"))
                ))
            started.append(("google.protobuf.Empty", "deleteDetails", try await served.rawJSON("DELETE", modelPath)))
            _ = try await served.settle(try #require(started.last?.operation))
            started.append(("google.protobuf.Empty", "deleteDetails", try await served.rawJSON("DELETE", datasetPath)))

            for (kind, detailsKey, first) in started {
                let name = try #require(first["name"]?.stringValue)
                _ = try await served.settle(first)
                let done = try await served.rawJSON("GET", "/v1/\(name)")
                #expect(done["done"] == .bool(true), "\(detailsKey) \(name)")
                #expect(done["error"] == nil, "\(detailsKey): \(done)")
                #expect(done["response"]?["@type"] == .string("type.googleapis.com/\(kind)"), "\(detailsKey): \(done)")
                let metadata = try #require(done["metadata"])
                #expect(metadata["@type"] == .string("type.googleapis.com/google.cloud.automl.v1.OperationMetadata"))
                #expect(metadata[detailsKey] != nil, "\(detailsKey): \(metadata)")
                #expect(metadata["createTime"]?.stringValue?.hasSuffix("Z") == true, "\(detailsKey)")
                #expect(metadata["updateTime"]?.stringValue?.hasSuffix("Z") == true, "\(detailsKey)")
            }
            let lastName = try #require(started.last?.operation["name"]?.stringValue)
            let empty = try await served.rawJSON("GET", "/v1/\(lastName)")
            #expect(
                empty["response"] == .object(["@type": .string("type.googleapis.com/google.protobuf.Empty")]),
                "Empty packs as its type URL alone")

            let listed = try await served.rawJSON("GET", served.v1("operations?pageSize=100"))
            for operation in listed["operations"]?.arrayValue ?? [] where operation["done"] == .bool(true) {
                #expect(
                    (operation["response"] == nil) != (operation["error"] == nil),
                    "a done operation has exactly one of response and error: \(operation)")
            }
        }
    }

    @Test func cancelTakesNoBodyAnEmptyBodyOrAnEmptyObject() async throws {
        try await withServedEmulator(clock: ManualClock()) { served in
            let dataset = try await served.createDataset()
            try await served.importImages(into: dataset)
            var operations: [String] = []
            for index in 0..<3 {
                operations.append(try await served.startTraining(on: dataset, displayName: "m\(index)").name)
            }
            let bodies: [RawBody] = [.none, .bytes(Data()), .text("{}")]
            for (name, body) in zip(operations, bodies) {
                let answer = try await served.raw("POST", "/v1/\(name):cancel", body: body)
                #expect(answer.status == 200, "\(body): \(answer.text)")
                #expect(answer.json == .object([:]), "\(body)")
            }
            for name in operations {
                let state = try await served.client().getOperation(try OperationName(parsing: name))
                let ended = try await served.settle(state)
                #expect(ended.error?.code == 1, "\(name) ends CANCELLED")
            }
            try await served.client().cancelOperation(try OperationName(parsing: try #require(operations.first)))
        }
    }

    @Test func aBodyThatIsNotJSONIsInvalidArgument() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let requests: [(String, String, String)] = [
                ("POST", served.v1("datasets"), "this is not JSON"),
                ("POST", served.v1("datasets"), #"{"displayName":"#),
                ("PATCH", served.v1("datasets/\(resourceID(dataset.name))?updateMask=displayName"), "[1, 2"),
                ("POST", served.v1("datasets/\(resourceID(dataset.name)):importData"), "<xml/>"),
            ]
            for (method, path, body) in requests {
                let response = try await served.raw(method, path, body: .text(body))
                #expect(response.status == 400, "\(method) \(path) \(body)")
                #expect(response.errorStatus == "INVALID_ARGUMENT", "\(method) \(path) \(body)")
                #expect(response.errorInfo?["domain"] == .string("automl.googleapis.com"))
            }
        }
    }

    /// Found in review: `:cancel` and `:undeploy` ignored their bodies, so a misspelt member passed silently where
    /// Google's front end refuses it.
    @Test func cancelAndUndeployRefuseUnknownMembersLikeEveryOtherBody() async throws {
        try await withServedEmulator { served in
            var dataset = Dataset()
            dataset.displayName = "flowers"
            dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
                classificationType: .multiclass)
            let operation = try await served.client().createDataset(in: served.location, dataset)
            let cancel = "/v1/" + operation.name + ":cancel"
            let bogus = RawBody.bytes(Data(#"{"force": true}"#.utf8))
            let refused = try await served.raw("POST", cancel, body: bogus)
            #expect(refused.status == 400)
            #expect(refused.text.contains("UNKNOWN_FIELD"))
            #expect(try await served.raw("POST", cancel, body: .bytes(Data("{}".utf8))).status == 200)
            let undeploy = served.v1("models/ICN1:undeploy")
            #expect(try await served.raw("POST", undeploy, body: bogus).status == 400)
            #expect(try await served.raw("POST", undeploy, body: .bytes(Data("{}".utf8))).status == 404)
        }
    }
}
