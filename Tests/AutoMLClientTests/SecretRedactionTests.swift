import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization
import Testing

/// Tokens never reach a log line or an error's text.
@Suite struct SecretRedactionTests {
    let token = "ya29.a0AfH6SMB-very-secret-token-value"

    @Test func logEntriesNeverShowTheToken() async throws {
        let entries = Mutex<[HTTPLogEntry]>([])
        let hook = HTTPLogHook(includeBodies: true) { entry in entries.withLock { $0.append(entry) } }
        let token = token
        try await withLoopbackServer(handler: { request in
            // A careless server that echoes the credentials back in its body and its error.
            .json(
                #"{"error":{"code":403,"message":"token \#(token) lacks permission","status":"PERMISSION_DENIED"},"access_token":"\#(token)"}"#,
                status: 403)
        }) { server in
            let client = makeClient(server, credentials: StaticTokenCredentials(token: token), log: hook)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.createModel(in: testLocation, Model())
            }
            let logged = entries.withLock { $0 }
            #expect(logged.count == 1)
            let text = logged.map { [$0.summary, $0.requestBody ?? "", $0.responseBody ?? ""].joined(separator: " ") }
                .joined(separator: "\n")
            #expect(!text.contains(token))
            #expect(text.contains("[REDACTED]"))
            #expect(text.contains("POST \(server.baseURL)/v1/projects/p/locations/us-central1/models 403"))
            #expect(server.requests.first?.header("Authorization") == "Bearer \(token)", "the token was really sent")
            // The service's own message is the user's to see; the client adds no credentials to it.
            #expect(error?.description.contains("Bearer") == false)
        }
    }

    @Test func queryAndBodySecretsAreRedacted() async throws {
        let entries = Mutex<[HTTPLogEntry]>([])
        let hook = HTTPLogHook(includeBodies: true) { entry in entries.withLock { $0.append(entry) } }
        try await withLoopbackServer(handler: { _ in .json(#"{"refresh_token":"1//abc","model":[]}"#) }) { server in
            let client = makeClient(endpoint: server.baseURL + "/", log: hook)
            _ = try await client.listModelsPage(in: testLocation, filter: "key=not-a-secret-filter", pageToken: "t")
            let entry = try #require(entries.withLock { $0.first })
            #expect(entry.url.contains("filter=key%3Dnot-a-secret-filter"))
            #expect(entry.responseBody?.contains("1//abc") == false)
        }
    }

    @Test func credentialsDescriptionsHideSecrets() throws {
        #expect(!String(describing: StaticTokenCredentials(token: token)).contains(token))
        #expect(!String(reflecting: StaticTokenCredentials(token: token)).contains(token))
    }
}
