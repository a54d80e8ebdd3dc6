import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// The in-process ``EmulatorTransport`` and the loopback socket give the same answers.
@Suite struct TransportParityHTTPTests {
    /// How a test reaches the emulator.
    enum Path: String, CaseIterable, CustomTestStringConvertible {
        case socket
        case inProcess

        var testDescription: String { rawValue }

        func client(_ served: ServedEmulator) -> AutoMLClient {
            switch self {
            case .socket: served.client()
            case .inProcess: served.inProcessClient()
            }
        }
    }

    /// One test body, run once per transport: create a dataset, get it, list it, and miss an unknown one.
    @Test(arguments: Path.allCases)
    func createGetListRoundTrip(path: Path) async throws {
        try await withServedEmulator { served in
            let client = path.client(served)
            var request = Dataset()
            request.displayName = "flowers"
            request.labels = ["team": "vision"]
            request.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
                classificationType: .multilabel)
            let operation = try await client.createDataset(in: served.location, request)
            #expect(operation.done)
            #expect(operation.automlMetadata?.createDatasetDetails != nil)
            let created = try AutoMLClient.result(of: operation, as: Dataset.self)
            let name = try DatasetName(parsing: created.name)
            #expect(name.parent == served.location)

            let got = try await client.getDataset(name)
            #expect(got == created)
            #expect(got.displayName == "flowers")
            #expect(got.labels == ["team": "vision"])
            #expect(got.imageClassificationDatasetMetadata?.classificationType == .multilabel)
            #expect(got.createTime != nil)

            let listed = try await client.listDatasetsPage(in: served.location)
            #expect(listed.datasets == [created])
            #expect(listed.nextPageToken.isEmpty)

            let missing = await #expect(throws: AutoMLError.self) {
                _ = try await client.getDataset(try served.location.dataset("ICN404"))
            }
            #expect(missing?.code == .notFound)
            #expect(missing?.httpStatus == 404)
            #expect(missing?.errorInfo?.domain == "automl.googleapis.com")
        }
    }

    /// The same requests against one emulator through both transports answer with the same status, content type and
    /// bytes.
    @Test func bothTransportsAnswerByteForByte() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let socket = AsyncHTTPClientTransport(client: served.http)
            let inProcess = EmulatorTransport(emulator: served.emulator)
            let base = "/v1/\(served.location)"
            let requests = [
                HTTPRequest(method: "GET", url: "\(base)/datasets/\(resourceID(dataset.name))"),
                HTTPRequest(method: "GET", url: "\(base)/datasets?filter=image_classification_dataset_metadata%3A*"),
                HTTPRequest(method: "GET", url: "\(base)/datasets?%24alt=json%3Benum-encoding%3Dint"),
                HTTPRequest(method: "GET", url: "\(base)/operations?pageSize=1"),
                HTTPRequest(method: "GET", url: "\(base)/datasets/ICN404"),
                HTTPRequest(method: "GET", url: "\(base)/widgets"),
                HTTPRequest(method: "GET", url: "\(base)/datasets?filter=bogus"),
                HTTPRequest(
                    method: "POST", url: "\(base)/datasets", headers: [("Content-Type", "application/json")],
                    body: Data("not json".utf8)),
                HTTPRequest(method: "POST", url: "\(base):getIamPolicy", body: Data("{}".utf8)),
            ]
            for request in requests {
                var overSocket = request
                overSocket.url = served.baseURL + request.url
                let viaSocket = try await socket.send(overSocket, timeout: .seconds(20))
                let viaMemory = try await inProcess.send(request, timeout: .seconds(20))
                #expect(viaSocket.status == viaMemory.status, "\(request.method) \(request.url)")
                #expect(
                    viaSocket.header("Content-Type") == viaMemory.header("Content-Type"),
                    "\(request.method) \(request.url)")
                #expect(
                    viaSocket.body == viaMemory.body,
                    """
                    \(request.method) \(request.url)
                    socket:     \(String(decoding: viaSocket.body, as: UTF8.self))
                    in-process: \(String(decoding: viaMemory.body, as: UTF8.self))
                    """)
            }
        }
    }
}
