import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLEmulator

/// Every v1 path of reference section 2 answers over a real socket with the status the method gives on a fresh
/// backend; unknown routes and IAM methods answer with the error envelope.
@Suite struct RoutingHTTPTests {
    static let errorInfoType = "type.googleapis.com/google.rpc.ErrorInfo"

    @Test func datasetMethodsAnswerOnTheirPaths() async throws {
        try await withServedEmulator { served in
            let created = try await served.rawJSON(
                "POST", served.v1("datasets"),
                body: .text(
                    #"{"displayName":"flowers","imageClassificationDatasetMetadata":{"classificationType":"MULTICLASS"}}"#
                ))
            #expect(created["done"] == .bool(true))
            let name = try #require(created["response"]?["name"]?.stringValue)
            let id = resourceID(name)
            #expect(name == "projects/p/locations/us-central1/datasets/\(id)")

            let got = try await served.rawJSON("GET", served.v1("datasets/\(id)"))
            #expect(got["displayName"] == .string("flowers"))

            let listed = try await served.rawJSON("GET", served.v1("datasets"))
            #expect(listed["datasets"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [name])

            let patched = try await served.rawJSON(
                "PATCH", served.v1("datasets/\(id)?updateMask=displayName"),
                body: .text(#"{"displayName":"roses"}"#))
            #expect(patched["displayName"] == .string("roses"))

            let csv = try TestImages.classificationDataset(in: served.gcsRoot, labels: ["daisy", "tulip"], perLabel: 3)
            let importing = try await served.rawJSON(
                "POST", served.v1("datasets/\(id):importData"),
                body: .importing(csv))
            let imported = try await served.settle(importing)
            #expect(imported.error == nil)
            #expect(try await served.rawJSON("GET", served.v1("datasets/\(id)"))["exampleCount"] == .integer(6))

            let specs = try await served.emulator.service.store.annotationSpecs(ofDataset: id)
            let daisy = try #require(specs.first { $0.displayName == "daisy" })
            let spec = try await served.rawJSON("GET", served.v1("datasets/\(id)/annotationSpecs/\(daisy.id)"))
            #expect(spec["displayName"] == .string("daisy"))
            #expect(spec["exampleCount"] == .integer(3))
            let unknownSpec = try await served.raw("GET", served.v1("datasets/\(id)/annotationSpecs/999"))
            #expect(unknownSpec.status == 404)
            #expect(unknownSpec.errorStatus == "NOT_FOUND")

            let exporting = try await served.rawJSON(
                "POST", served.v1("datasets/\(id):exportData"),
                body: .text(
                    #"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://data/exports"}}}"#))
            let exported = try await served.settle(exporting)
            #expect(exported.error == nil)

            let deleting = try await served.rawJSON("DELETE", served.v1("datasets/\(id)"))
            let deleted = try await served.settle(deleting)
            #expect(deleted.error == nil)
            #expect(try await served.raw("GET", served.v1("datasets/\(id)")).status == 404)
        }
    }

    @Test func modelMethodsAnswerOnTheirPaths() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            try await served.importImages(into: dataset)
            let datasetID = resourceID(dataset.name)
            let creating = try await served.rawJSON(
                "POST", served.v1("models"),
                body: .text(
                    #"{"displayName":"m1","datasetId":"\#(datasetID)","imageClassificationModelMetadata":"#
                        + #"{"modelType":"cloud","trainBudgetMilliNodeHours":"8000"}}"#))
            #expect(creating["metadata"]?["createModelDetails"] != nil)
            let model = try await served.result(of: try await served.settle(creating), as: Model.self)
            let id = resourceID(model.name)

            let got = try await served.rawJSON("GET", served.v1("models/\(id)"))
            #expect(got["deploymentState"] == .string("UNDEPLOYED"))
            let listed = try await served.rawJSON("GET", served.v1("models"))
            #expect(listed["model"]?.arrayValue?.count == 1, "ListModels' list key is `model`")
            let patched = try await served.rawJSON(
                "PATCH", served.v1("models/\(id)?updateMask=displayName"),
                body: .text(#"{"displayName":"m2"}"#))
            #expect(patched["displayName"] == .string("m2"))

            let predictBody = RawBody.text(#"{"payload":{"image":{"imageBytes":"AQID"}}}"#)
            let undeployedPredict = try await served.raw("POST", served.v1("models/\(id):predict"), body: predictBody)
            #expect(undeployedPredict.status == 400)
            #expect(undeployedPredict.errorStatus == "FAILED_PRECONDITION")
            #expect(undeployedPredict.errorMessage?.contains("not deployed") == true)

            let deploying = try await served.rawJSON("POST", served.v1("models/\(id):deploy"), body: .text("{}"))
            #expect(try await served.settle(deploying).error == nil)
            let deployed = try await served.rawJSON("GET", served.v1("models/\(id)"))
            #expect(deployed["deploymentState"] == .string("DEPLOYED"))

            let deployedPredict = try await served.raw("POST", served.v1("models/\(id):predict"), body: predictBody)
            #expect(deployedPredict.errorStatus == "FAILED_PRECONDITION", "this test trainer makes no weights")

            let undeploying = try await served.rawJSON("POST", served.v1("models/\(id):undeploy"), body: .text("{}"))
            #expect(try await served.settle(undeploying).error == nil)
            #expect(
                try await served.rawJSON("GET", served.v1("models/\(id)"))["deploymentState"]
                    == .string("UNDEPLOYED"))

            let export = try await served.raw(
                "POST", served.v1("models/\(id):export"),
                body: .text(
                    #"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://data/models"}}}"#))
            #expect(export.status == 400)
            #expect(export.errorStatus == "INVALID_ARGUMENT", "only modelFormat torchscript can be written here")
            let torchscript = try await served.raw(
                "POST", served.v1("models/\(id):export"),
                body: .text(
                    #"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://data/models"},"modelFormat":"torchscript"}}"#
                ))
            #expect(torchscript.errorStatus == "FAILED_PRECONDITION", "this test trainer makes no weights")

            let batch = try await served.raw(
                "POST", served.v1("models/\(id):batchPredict"),
                body: .text(
                    #"{"inputConfig":{"gcsSource":{"inputUris":["gs://data/batch.csv"]}},"#
                        + #""outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://data/out"}}}"#))
            #expect(batch.status == 400)
            #expect(batch.errorStatus == "FAILED_PRECONDITION")

            let evaluations = try await served.rawJSON("GET", served.v1("models/\(id)/modelEvaluations?filter="))
            #expect(evaluations["modelEvaluation"]?.arrayValue?.isEmpty ?? true)
            let evaluation = try await served.raw("GET", served.v1("models/\(id)/modelEvaluations/123"))
            #expect(evaluation.status == 404)
            #expect(evaluation.errorStatus == "NOT_FOUND")

            let deleting = try await served.rawJSON("DELETE", served.v1("models/\(id)"))
            #expect(try await served.settle(deleting).error == nil)
            #expect(try await served.raw("GET", served.v1("models/\(id)")).status == 404)
        }
    }

    @Test func operationMethodsAnswerOnTheirPaths() async throws {
        try await withServedEmulator(clock: ManualClock()) { served in
            let dataset = try await served.createDataset()
            try await served.importImages(into: dataset)
            let training = try await served.startTraining(on: dataset)
            let id = resourceID(training.name)

            let listed = try await served.rawJSON("GET", served.v1("operations"))
            #expect(listed["operations"]?.arrayValue?.contains { $0["name"]?.stringValue == training.name } == true)
            let running = try await served.rawJSON("GET", served.v1("operations/\(id)"))
            #expect(running["done"] == nil, "done is omitted while running")

            let waited = try await served.rawJSON(
                "POST", served.v1("operations/\(id):wait"),
                body: .text(#"{"timeout":"0.05s"}"#))
            #expect(waited["name"] == .string(training.name))
            #expect(waited["done"] == nil, "the clock has not moved, so training is still running")

            let cancelled = try await served.rawJSON("POST", served.v1("operations/\(id):cancel"))
            #expect(cancelled == .object([:]))
            let ended = try await served.settle(training)
            #expect(ended.error?.code == 1, "a cancelled operation ends with CANCELLED")
            #expect(ended.response == nil)

            let deleted = try await served.rawJSON("DELETE", served.v1("operations/\(id)"))
            #expect(deleted == .object([:]))
            let gone = try await served.raw("GET", served.v1("operations/\(id)"))
            #expect(gone.status == 404)
            #expect(gone.errorStatus == "NOT_FOUND")
        }
    }

    @Test func unknownRoutesAnswerTheNotFoundEnvelope() async throws {
        try await withServedEmulator { served in
            let requests: [(String, String)] = [
                ("GET", "/"),
                ("GET", "/v2/projects/p/locations/us-central1/datasets"),
                ("GET", served.v1("widgets")),
                ("GET", served.v1("datasets/d1/annotationSpecs")),
                ("POST", served.v1("datasets/d1:frobnicate")),
                ("DELETE", served.v1("datasets")),
                ("PUT", served.v1("models/m1")),
                ("GET", served.v1("operations/o1/extra")),
            ]
            for (method, path) in requests {
                let response = try await served.raw(method, path, body: method == "GET" ? .none : .text("{}"))
                #expect(response.status == 404, "\(method) \(path)")
                #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, "\(method) \(path)")
                #expect(response.errorCode == .integer(404), "\(method) \(path)")
                #expect(response.errorStatus == "NOT_FOUND", "\(method) \(path)")
                #expect(response.errorMessage?.isEmpty == false, "\(method) \(path)")
                #expect(response.errorInfo?["domain"] == .string("automl.googleapis.com"), "\(method) \(path)")
            }
            let missing = try await served.raw("GET", served.v1("datasets/ICN404"))
            #expect(missing.errorStatus == "NOT_FOUND")
            #expect(missing.errorInfo?["domain"] == .string("automl.googleapis.com"))
            #expect(missing.errorInfo?["reason"] == .string("RESOURCE_NOT_FOUND"))
        }
    }

    /// A percent-encoded NUL, line break or stray byte in a project or location ID is refused, not stored (the
    /// hostile-request run made a dataset in project "\0").
    @Test func projectAndLocationIDsWithStrayBytesAreRefused() async throws {
        try await withServedEmulator { served in
            for project in ["%00", "a%0D%0Ab", "%FF%FE", "%C0%AF", "%zz", "a%20b"] {
                let listed = try await served.raw("GET", "/v1/projects/\(project)/locations/us-central1/datasets")
                // 400 for an ID of bad characters; a path that is not UTF-8 once decoded names no method (404).
                #expect(listed.status == 400 || listed.status == 404, "\(project): \(listed.text)")
                #expect(listed.errorStatus == "INVALID_ARGUMENT" || listed.errorStatus == "NOT_FOUND")
                #expect(!listed.text.contains("\r") && !listed.text.contains("\u{0}"))
                let created = try await served.raw(
                    "POST", "/v1/projects/\(project)/locations/us-central1/datasets",
                    body: .text(
                        #"{"displayName":"x","imageClassificationDatasetMetadata":{"classificationType":"MULTICLASS"}}"#
                    ))
                #expect(created.status == 400 || created.status == 404, "\(project)")
            }
            let location = try await served.raw("GET", "/v1/projects/p/locations/us%00central1/datasets")
            #expect(location.status == 400)
            for fine in ["p", "my-project-123", "example.com:my-project", "123456789012"] {
                #expect(
                    try await served.raw("GET", "/v1/projects/\(fine)/locations/us-central1/datasets").status == 200)
            }
        }
    }

    @Test func iamMethodsAreUnimplemented() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let datasetID = resourceID(dataset.name)
            let requests: [(String, String)] = [
                ("GET", served.v1(":getIamPolicy")),
                ("GET", served.v1("datasets/\(datasetID):getIamPolicy")),
                ("POST", served.v1("datasets/\(datasetID):setIamPolicy")),
                ("GET", served.v1("models/m1:getIamPolicy")),
                ("POST", served.v1(":setIamPolicy")),
                ("POST", served.v1("models/m1:testIamPermissions")),
            ]
            for (method, path) in requests {
                let response = try await served.raw(method, path, body: method == "GET" ? .none : .text("{}"))
                #expect(response.status == 501, "\(method) \(path)")
                #expect(response.errorStatus == "UNIMPLEMENTED", "\(method) \(path)")
                #expect(response.errorInfo?["domain"] == .string("automl.googleapis.com"), "\(method) \(path)")
            }
        }
    }
}
