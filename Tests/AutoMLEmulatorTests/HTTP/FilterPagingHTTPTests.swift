import AutoMLClient
import AutoMLEmulator
import Foundation
import Testing

/// List filters (reference 2.5) and opaque page tokens, sent as query parameters over a real socket.
@Suite struct FilterPagingHTTPTests {
    /// The names a raw list call returned under `key`.
    static func names(_ list: JSONValue, _ key: String) -> [String] {
        list[key]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func listOperationsFiltersOnDoneWorksOnAndOperationID() async throws {
        try await withServedEmulator(clock: ManualClock()) { served in
            let first = try await served.createDataset("first")
            let createFirst = try #require(
                Self.names(
                    try await served.rawJSON("GET", served.v1("operations")),
                    "operations"
                ).first)
            let importFirst = try await served.importImages(into: first).name
            let second = try await served.createDataset("second")
            let training = try await served.startTraining(on: first).name
            let all = Self.names(try await served.rawJSON("GET", served.v1("operations")), "operations")
            #expect(all.count == 4)
            #expect(all.first == createFirst)
            #expect(all.contains(importFirst) && all.contains(training))

            let done = Self.names(
                try await served.rawJSON("GET", served.v1("operations?filter=done%3Dtrue")),
                "operations")
            #expect(done.count == 3)
            #expect(!done.contains(training))
            let running = Self.names(
                try await served.rawJSON("GET", served.v1("operations?filter=done%3Dfalse")),
                "operations")
            #expect(running == [training])

            // Spaces around `=`, as in the documentation's examples.
            let onFirst = Self.names(
                try await served.rawJSON(
                    "GET", served.v1("operations?filter=\(queryEncoded("worksOn = \(first.name)"))")), "operations")
            #expect(onFirst == [createFirst, importFirst])
            let onSecond = Self.names(
                try await served.rawJSON(
                    "GET", served.v1("operations?filter=\(queryEncoded("works_on=\(second.name)"))")), "operations")
            #expect(onSecond.count == 1)
            #expect(!onSecond.contains(createFirst))
            let onModels = Self.names(
                try await served.rawJSON(
                    "GET", served.v1("operations?filter=\(queryEncoded("worksOn=\(served.location)/models/*"))")),
                "operations")
            #expect(onModels == [training])

            let byID = Self.names(
                try await served.rawJSON(
                    "GET", served.v1("operations?filter=\(queryEncoded("operation_id=\(resourceID(importFirst))"))")),
                "operations")
            #expect(byID == [importFirst])
            let notByID = Self.names(
                try await served.rawJSON(
                    "GET", served.v1("operations?filter=\(queryEncoded("operation_id!=\(resourceID(importFirst))"))")),
                "operations")
            #expect(notByID.count == 3)
            #expect(!notByID.contains(importFirst))

            let client = served.client()
            let viaClient = try await client.listOperations(in: served.location, filter: "done=false").collect()
            #expect(viaClient.map(\.name) == [training])
        }
    }

    @Test func listModelsFiltersOnDatasetID() async throws {
        try await withServedEmulator { served in
            let (daisies, first) = try await served.trainedModel(datasetName: "daisies", modelName: "first")
            let (_, second) = try await served.trainedModel(datasetName: "tulips", modelName: "second")
            let datasetID = resourceID(daisies.name)

            let onDaisies = try await served.rawJSON("GET", served.v1("models?filter=dataset_id%3D\(datasetID)"))
            #expect(Self.names(onDaisies, "model") == [first.name])
            let elsewhere = try await served.rawJSON("GET", served.v1("models?filter=dataset_id!%3D\(datasetID)"))
            #expect(Self.names(elsewhere, "model") == [second.name])
            let all = try await served.rawJSON(
                "GET",
                served.v1(
                    "models?filter=\(queryEncoded("image_classification_model_metadata:*"))"))
            #expect(Self.names(all, "model") == [first.name, second.name])
            let none = try await served.rawJSON(
                "GET",
                served.v1(
                    "models?filter=\(queryEncoded("image_object_detection_model_metadata:*"))"))
            #expect(Self.names(none, "model").isEmpty)

            let viaClient = try await served.client().listModels(in: served.location, filter: "dataset_id=\(datasetID)")
                .collect()
            #expect(viaClient.map(\.name) == [first.name])
        }
    }

    @Test func listDatasetsFiltersOnMetadataPresence() async throws {
        try await withServedEmulator { served in
            let daisies = try await served.createDataset("daisies")
            let boxes = try await served.createDataset("boxes", detection: true)
            let tulips = try await served.createDataset("tulips", multiLabel: true)

            let detection = try await served.rawJSON(
                "GET",
                served.v1(
                    "datasets?filter=\(queryEncoded("image_object_detection_dataset_metadata:*"))"))
            #expect(Self.names(detection, "datasets") == [boxes.name])
            let classification = try await served.rawJSON(
                "GET",
                served.v1(
                    "datasets?filter=\(queryEncoded("image_classification_dataset_metadata:*"))"))
            #expect(Self.names(classification, "datasets") == [daisies.name, tulips.name])
            let translation = try await served.rawJSON(
                "GET",
                served.v1(
                    "datasets?filter=\(queryEncoded("translation_dataset_metadata:*"))"))
            #expect(Self.names(translation, "datasets").isEmpty)
        }
    }

    @Test func aBadFilterIsInvalidArgumentNamingTheSupportedFields() async throws {
        try await withServedEmulator { served in
            let cases: [(path: String, fields: [String])] = [
                (
                    "datasets?filter=\(queryEncoded("display_name=x"))",
                    ["image_classification_dataset_metadata", "image_object_detection_dataset_metadata"]
                ),
                (
                    "models?filter=\(queryEncoded("dataset_id>5"))",
                    ["dataset_id", "image_classification_model_metadata"]
                ),
                ("operations?filter=\(queryEncoded("state=RUNNING"))", ["done", "worksOn", "operation_id"]),
                ("operations?filter=\(queryEncoded("done=maybe"))", ["done"]),
                ("models/-/modelEvaluations?filter=\(queryEncoded("label=daisy"))", ["annotation_spec_id"]),
            ]
            for (path, fields) in cases {
                let response = try await served.raw("GET", served.v1(path))
                #expect(response.status == 400, "\(path)")
                #expect(response.errorStatus == "INVALID_ARGUMENT", "\(path)")
                let message = response.errorMessage ?? ""
                for field in fields {
                    #expect(message.contains(field), "\(path): \(message) should name \(field)")
                }
            }
        }
    }

    @Test func pagesOfTwoOverFiveDatasetsResendTheFilter() async throws {
        try await withServedEmulator { served in
            var created: [String] = []
            for index in 0..<5 {
                created.append(try await served.createDataset("flowers_\(index)").name)
                if index == 2 { _ = try await served.createDataset("boxes", detection: true) }
            }
            let filter = queryEncoded("image_classification_dataset_metadata:*")
            var pages: [[String]] = []
            var token: String?
            repeat {
                var path = "datasets?filter=\(filter)&pageSize=2"
                if let token { path += "&pageToken=\(queryEncoded(token))" }
                let page = try await served.rawJSON("GET", served.v1(path))
                pages.append(Self.names(page, "datasets"))
                token = page["nextPageToken"]?.stringValue
                #expect(token?.isEmpty != true, "a last page omits nextPageToken rather than sending it empty")
            } while token != nil && pages.count < 10
            #expect(pages.map(\.count) == [2, 2, 1])
            #expect(pages.flatMap { $0 } == created)

            let viaClient = try await served.client().listDatasets(
                in: served.location, filter: "image_classification_dataset_metadata:*", pageSize: 2
            ).collect()
            #expect(viaClient.map(\.name) == created)
        }
    }

    @Test func aBadPageSizeIsInvalidArgumentAndALargeOneIsClamped() async throws {
        try await withServedEmulator { served in
            for index in 0..<3 { _ = try await served.createDataset("flowers_\(index)") }
            for size in ["-1", "abc", "1.5", "99999999999"] {
                let response = try await served.raw("GET", served.v1("datasets?pageSize=\(size)"))
                #expect(response.status == 400, "pageSize=\(size)")
                #expect(response.errorStatus == "INVALID_ARGUMENT", "pageSize=\(size)")
            }
            for size in ["0", "", "1000000"] {
                let page = try await served.rawJSON("GET", served.v1("datasets?pageSize=\(size)"))
                #expect(Self.names(page, "datasets").count == 3, "pageSize=\(size)")
                #expect(page["nextPageToken"] == nil, "pageSize=\(size)")
            }
        }
    }

    @Test func aPageTokenOnlyContinuesItsOwnFilter() async throws {
        try await withServedEmulator { served in
            for index in 0..<3 { _ = try await served.createDataset("flowers_\(index)") }
            let filter = queryEncoded("image_classification_dataset_metadata:*")
            let first = try await served.rawJSON("GET", served.v1("datasets?filter=\(filter)&pageSize=2"))
            let token = queryEncoded(try #require(first["nextPageToken"]?.stringValue))

            let continued = try await served.rawJSON(
                "GET", served.v1("datasets?filter=\(filter)&pageSize=2&pageToken=\(token)"))
            #expect(Self.names(continued, "datasets").count == 1)
            let otherFilter = queryEncoded("image_object_detection_dataset_metadata:*")
            for path in [
                "datasets?filter=\(otherFilter)&pageSize=2&pageToken=\(token)",
                "datasets?pageSize=2&pageToken=\(token)",
                "operations?pageToken=\(token)",
                "datasets?filter=\(filter)&pageToken=not-a-token",
            ] {
                let response = try await served.raw("GET", served.v1(path))
                #expect(response.status == 400, "\(path)")
                #expect(response.errorStatus == "INVALID_ARGUMENT", "\(path)")
            }
            let otherProject = try await served.raw(
                "GET",
                served.v1(
                    "datasets?filter=\(filter)&pageToken=\(token)",
                    project: "q"))
            #expect(otherProject.errorStatus == "INVALID_ARGUMENT", "a token is bound to its parent too")
        }
    }
}
