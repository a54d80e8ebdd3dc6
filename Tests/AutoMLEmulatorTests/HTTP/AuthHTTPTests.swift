import AutoMLClient
import AutoMLEmulator
import Foundation
import Testing

/// Bearer tokens, project-limited tokens and project isolation over a real socket; the loopback rule in-process.
@Suite struct AuthHTTPTests {
    /// `t1` may use every project, `t2` only `projA`.
    static let tokens = ["t1", "t2@projA"]

    static let projA = LocationName(validatedSegments: ["projA", "us-central1"])

    static func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    @Test func aRequestWithoutTokenIsUnauthenticated() async throws {
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            let response = try await served.raw("GET", served.v1("datasets", project: "projA"))
            #expect(response.status == 401)
            #expect(response.errorStatus == "UNAUTHENTICATED")
            #expect(response.errorCode == .integer(401))
            #expect(response.errorInfo?["domain"] == .string("automl.googleapis.com"))

            let error = await #expect(throws: AutoMLError.self) {
                _ = try await served.client().listDatasetsPage(in: Self.projA)
            }
            #expect(error?.code == .unauthenticated)
            #expect(error?.httpStatus == 401)
        }
    }

    @Test func aWrongTokenIsUnauthenticated() async throws {
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            for header in ["Bearer t3", "Bearer t2@projA", "Basic dDE6", "Bearer ", "t1"] {
                let response = try await served.raw(
                    "GET", served.v1("datasets", project: "projA"),
                    headers: [("Authorization", header)])
                #expect(response.status == 401, "Authorization: \(header)")
                #expect(response.errorStatus == "UNAUTHENTICATED", "Authorization: \(header)")
            }
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await served.client(token: "nope").listDatasetsPage(in: Self.projA)
            }
            #expect(error?.code == .unauthenticated)
        }
    }

    @Test func aProjectTokenIsDeniedOtherProjects() async throws {
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            let t2 = Self.bearer("t2")
            let denied = try await served.raw("GET", served.v1("datasets", project: "projB"), headers: t2)
            #expect(denied.status == 403)
            #expect(denied.errorStatus == "PERMISSION_DENIED")
            #expect(denied.errorInfo?["domain"] == .string("automl.googleapis.com"))
            let deniedOperation = try await served.raw(
                "GET", served.v1("operations/o1", project: "projB"),
                headers: t2)
            #expect(deniedOperation.status == 403)

            let allowed = try await served.raw("GET", served.v1("datasets", project: "projA"), headers: t2)
            #expect(allowed.status == 200)
            let anyProject = try await served.raw(
                "GET", served.v1("datasets", project: "projB"),
                headers: Self.bearer("t1"))
            #expect(anyProject.status == 200)

            let dataset = try await served.createDataset(token: "t2", project: "projA")
            #expect(dataset.name.hasPrefix("projects/projA/locations/us-central1/datasets/"))
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await served.createDataset(token: "t2", project: "projB")
            }
            #expect(error?.code == .permissionDenied)
            #expect(error?.httpStatus == 403)
        }
    }

    @Test func projectsDoNotSeeEachOthersResources() async throws {
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            let dataset = try await served.createDataset(token: "t1", project: "projA")
            let id = resourceID(dataset.name)
            let t1 = Self.bearer("t1")

            let own = try await served.raw("GET", served.v1("datasets/\(id)", project: "projA"), headers: t1)
            #expect(own.status == 200)
            let crossed = try await served.raw("GET", served.v1("datasets/\(id)", project: "projB"), headers: t1)
            #expect(crossed.status == 404)
            #expect(crossed.errorStatus == "NOT_FOUND")
            #expect(crossed.errorMessage?.contains("projA") != true, "the error does not reveal the other project")

            let listedB = try await served.rawJSON("GET", served.v1("datasets", project: "projB"), headers: t1)
            #expect(listedB["datasets"] == nil)
            let listedA = try await served.rawJSON("GET", served.v1("datasets", project: "projA"), headers: t1)
            #expect(listedA["datasets"]?.arrayValue?.count == 1)

            let operationsA = try await served.rawJSON("GET", served.v1("operations", project: "projA"), headers: t1)
            let operation = try #require(operationsA["operations"]?.arrayValue?.first?["name"]?.stringValue)
            let operationsB = try await served.rawJSON("GET", served.v1("operations", project: "projB"), headers: t1)
            #expect(operationsB["operations"] == nil)
            let operationFromB = try await served.raw(
                "GET", served.v1("operations/\(resourceID(operation))", project: "projB"), headers: t1)
            #expect(operationFromB.status == 404)
            for (method, path) in [
                ("PATCH", "datasets/\(id)?updateMask=displayName"), ("DELETE", "datasets/\(id)"),
                ("POST", "operations/\(resourceID(operation)):cancel"),
                ("DELETE", "operations/\(resourceID(operation))"),
            ] {
                let body: RawBody = method == "PATCH" ? .text(#"{"displayName":"stolen"}"#) : .none
                let response = try await served.raw(method, served.v1(path, project: "projB"), body: body, headers: t1)
                #expect(response.status == 404, "\(method) \(path) from projB")
            }
            let untouched = try await served.rawJSON("GET", served.v1("datasets/\(id)", project: "projA"), headers: t1)
            #expect(untouched["displayName"] == .string("flowers"))
        }
    }

    /// Models, evaluations and operations of `p/us-central1` are invisible from another project and from another
    /// location of the same project, by every method that names them.
    @Test func modelsAndOperationsStayInTheirProjectAndLocation() async throws {
        try await withServedEmulator { served in
            let (dataset, model) = try await served.trainedModel()
            let modelID = resourceID(model.name)
            let datasetID = resourceID(dataset.name)
            for parent in ["/v1/projects/q/locations/us-central1", "/v1/projects/p/locations/europe-west1"] {
                let requests: [(String, String, RawBody)] = [
                    ("GET", "/models/\(modelID)", .none),
                    ("PATCH", "/models/\(modelID)?updateMask=displayName", .text(#"{"displayName":"stolen"}"#)),
                    ("POST", "/models/\(modelID):deploy", .text("{}")),
                    ("POST", "/models/\(modelID):undeploy", .text("{}")),
                    ("POST", "/models/\(modelID):predict", .text(#"{"payload":{"image":{"imageBytes":"AQID"}}}"#)),
                    ("GET", "/models/\(modelID)/modelEvaluations?filter=", .none),
                    ("DELETE", "/models/\(modelID)", .none),
                    ("GET", "/datasets/\(datasetID)", .none),
                    (
                        "POST", "/models",
                        .text(
                            #"{"displayName":"m9","datasetId":"\#(datasetID)","#
                                + #""imageClassificationModelMetadata":{"modelType":"cloud"}}"#)
                    ),
                ]
                for (method, path, body) in requests {
                    let response = try await served.raw(method, parent + path, body: body)
                    #expect(response.status == 404, "\(method) \(parent)\(path): \(response.text)")
                }
                let models = try await served.rawJSON("GET", parent + "/models")
                #expect(models["model"] == nil, "\(parent)")
                let operations = try await served.rawJSON("GET", parent + "/operations")
                #expect(operations["operations"] == nil, "\(parent)")
                let evaluations = try await served.rawJSON("GET", parent + "/models/-/modelEvaluations?filter=")
                #expect(evaluations["modelEvaluation"] == nil, "\(parent)")
            }
            let unchanged = try await served.client().getModel(try ModelName(parsing: model.name))
            #expect(unchanged.displayName == "m1")
            #expect(unchanged.deploymentState == .undeployed)
        }
    }

    @Test func withoutTokensOnlyLoopbackClientsAreServedUnlessRemoteIsAllowed() async throws {
        let request = EmulatorRequest(
            method: "GET", path: "/v1/projects/p/locations/us-central1/datasets",
            fromLoopback: false)
        try await withServedEmulator { served in
            let remote = await served.emulator.handle(request)
            #expect(remote.status == 403)
            let envelope = try JSONDecoder().decode(JSONValue.self, from: remote.body)
            #expect(envelope["error"]?["status"] == .string("PERMISSION_DENIED"))
            var local = request
            local.fromLoopback = true
            #expect(await served.emulator.handle(local).status == 200)
            #expect(try await served.raw("GET", served.v1("datasets")).status == 200, "127.0.0.1 is loopback")
        }
        try await withServedEmulator(configure: { $0.allowRemote = true }) { served in
            #expect(await served.emulator.handle(request).status == 200)
        }
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            var withToken = request
            withToken.headers = [("Authorization", "Bearer t1")]
            #expect(await served.emulator.handle(withToken).status == 200, "a valid token serves remote clients")
            #expect(await served.emulator.handle(request).status == 401)
        }
    }

    /// The server listens on every interface and the test connects to this machine's own non-loopback address, so
    /// the peer the server sees is not loopback.
    @Test(.enabled(if: nonLoopbackIPv4Address() != nil, "needs a non-loopback IPv4 address"))
    func aNonLoopbackPeerIsRefusedOverTheSocketWithoutTokens() async throws {
        let address = try #require(nonLoopbackIPv4Address())
        try await withServedEmulator(host: "0.0.0.0") { served in
            let remote = try await served.raw("GET", served.v1("datasets"), address: address)
            #expect(remote.status == 403)
            #expect(remote.errorStatus == "PERMISSION_DENIED")
            #expect(try await served.raw("GET", served.v1("datasets")).status == 200, "loopback is served")
        }
        try await withServedEmulator(host: "0.0.0.0", configure: { $0.allowRemote = true }) { served in
            let allowed = try await served.raw("GET", served.v1("datasets"), address: address)
            #expect(allowed.status == 200)
        }
        try await withServedEmulator(host: "0.0.0.0", configure: { $0.tokens = Self.tokens }) { served in
            let anonymous = try await served.raw("GET", served.v1("datasets"), address: address)
            #expect(anonymous.status == 401)
            let withToken = try await served.raw(
                "GET", served.v1("datasets"), headers: Self.bearer("t1"),
                address: address)
            #expect(withToken.status == 200)
        }
    }

    /// How a backend is opened to clients on other machines.
    enum RemoteAccess: String, CaseIterable, CustomTestStringConvertible {
        case tokens
        case allowRemote
        var testDescription: String { rawValue }
    }

    /// A client on another machine must not make the backend read files outside the gcs root: an import naming a
    /// local path is refused, and nothing of the file comes back in the operation's partial failures.
    @Test(
        .enabled(if: nonLoopbackIPv4Address() != nil, "needs a non-loopback IPv4 address"),
        arguments: RemoteAccess.allCases)
    func aRemoteClientCannotMakeTheBackendReadLocalFiles(access: RemoteAccess) async throws {
        let address = try #require(nonLoopbackIPv4Address())
        try await withServedEmulator(
            host: "0.0.0.0",
            configure: { configuration in
                switch access {
                case .tokens: configuration.tokens = Self.tokens
                case .allowRemote: configuration.allowRemote = true
                }
            }
        ) { served in
            let headers = access == .tokens ? Self.bearer("t1") : []
            let secret = served.directory.appendingPathComponent("outside/secret.csv")
            try FileManager.default.createDirectory(
                at: secret.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try "TOPSECRET-4711 is the root password\nTOPSECRET-4712\n".write(
                to: secret, atomically: true,
                encoding: .utf8)
            let dataset = try await served.createDataset(token: access == .tokens ? "t1" : nil)
            var seen = ""
            for uri in [secret.path, "file://\(secret.path)"] {
                let response = try await served.raw(
                    "POST", "/v1/\(dataset.name):importData", body: .importing(uri),
                    headers: headers, address: address)
                seen += response.text
                #expect(response.status == 400, "\(uri) from \(address): \(response.text)")
                #expect(response.errorStatus == "INVALID_ARGUMENT", "\(uri)")
                guard let name = response.json?["name"]?.stringValue else { continue }
                let deadline = ContinuousClock.now + .seconds(10)
                var operation = try await served.raw("GET", "/v1/\(name)", headers: headers, address: address)
                while operation.json?["done"] != .bool(true), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                    operation = try await served.raw("GET", "/v1/\(name)", headers: headers, address: address)
                }
                seen += operation.text
            }
            let leaked = seen.range(of: "TOPSECRET").map { match in
                seen[(seen.index(match.lowerBound, offsetBy: -40, limitedBy: seen.startIndex) ?? seen.startIndex)...]
                    .prefix(120)
            }
            #expect(leaked == nil, "the file's content reached the client")
        }
    }
}
