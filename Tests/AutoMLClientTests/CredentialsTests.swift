import AutoMLClient
import AutoMLTestSupport
import Crypto
import Foundation
import Testing
import _CryptoExtras

/// Credentials against a real loopback token endpoint that checks what Google's checks.
@Suite struct CredentialsTests {
    @Test func serviceAccountJWTIsRS256SignedAndExchanged() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let publicKey = key.publicKey
        let exchanges = Counter()
        try await withLoopbackServer(handler: { request in
            if request.path == "/token" {
                exchanges.next()
                let form = parseForm(request.bodyText)
                guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer",
                    let assertion = form["assertion"], verifyRS256(assertion, with: publicKey),
                    let claims = jwtClaims(assertion),
                    claims["iss"] == .string("robot@p.iam.gserviceaccount.com"),
                    claims["scope"] == .string("https://www.googleapis.com/auth/cloud-platform"),
                    claims["aud"]?.stringValue?.hasSuffix("/token") == true,
                    case .integer(let issued)? = claims["iat"], case .integer(let expires)? = claims["exp"],
                    expires - issued == 3600
                else {
                    return .json(
                        #"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#, status: 400)
                }
                return .json(#"{"access_token":"ya29.exchanged-token","expires_in":3599,"token_type":"Bearer"}"#)
            }
            return .json(#"{"model":[]}"#)
        }) { server in
            let keyFile = try writeTemporaryJSON([
                "type": "service_account", "project_id": "p", "private_key_id": "kid-1",
                "private_key": key.pkcs8PEMRepresentation, "client_email": "robot@p.iam.gserviceaccount.com",
                "token_uri": "\(server.baseURL)/token",
            ])
            let credentials = try ApplicationDefaultCredentials.load(path: keyFile.path)
            let client = makeClient(server, credentials: credentials)
            _ = try await client.listModelsPage(in: testLocation)
            _ = try await client.listModelsPage(in: testLocation)

            #expect(exchanges.count == 1, "the token is cached until near expiry")
            let apiCalls = server.requests.filter { $0.path.hasPrefix("/v1/") }
            #expect(apiCalls.count == 2)
            #expect(apiCalls.allSatisfy { $0.header("Authorization") == "Bearer ya29.exchanged-token" })
            let header = try #require(jwtPart(0, of: parseForm(server.requests[0].bodyText)["assertion"] ?? ""))
            #expect(header["alg"] == .string("RS256"))
            #expect(header["kid"] == .string("kid-1"))
        }
    }

    @Test func wrongKeyIsRefusedWithoutLeakingTheAssertion() async throws {
        let serverKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let otherKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let publicKey = serverKey.publicKey
        try await withLoopbackServer(handler: { request in
            let assertion = parseForm(request.bodyText)["assertion"] ?? ""
            return verifyRS256(assertion, with: publicKey)
                ? .json(#"{"access_token":"never","expires_in":3600}"#)
                : .json(#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#, status: 400)
        }) { server in
            let keyFile = try writeTemporaryJSON([
                "type": "service_account", "private_key": otherKey.pkcs8PEMRepresentation,
                "client_email": "robot@p.iam.gserviceaccount.com", "token_uri": "\(server.baseURL)/token",
            ])
            let client = makeClient(server, credentials: try ApplicationDefaultCredentials.load(path: keyFile.path))
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.listModelsPage(in: testLocation)
            }
            #expect(error?.code == .unauthenticated)
            #expect(error?.message.contains("Invalid JWT Signature") == true)
            let assertion = parseForm(try #require(server.requests.first).bodyText)["assertion"] ?? "missing"
            #expect(error?.description.contains(assertion) == false)
            #expect(server.requests.allSatisfy { !$0.path.hasPrefix("/v1/") }, "no API call without a token")
        }
    }

    @Test func authorizedUserRefreshesWithItsRefreshToken() async throws {
        try await withLoopbackServer(handler: { request in
            guard request.path == "/token" else { return .json(#"{"model":[]}"#) }
            let form = parseForm(request.bodyText)
            guard form["grant_type"] == "refresh_token", form["refresh_token"] == "1//refresh",
                form["client_id"] == "cid", form["client_secret"] == "csecret"
            else { return .json(#"{"error":"invalid_grant"}"#, status: 400) }
            return .json(#"{"access_token":"ya29.user-token","expires_in":"3600"}"#)
        }) { server in
            let file = try writeTemporaryJSON([
                "type": "authorized_user", "client_id": "cid", "client_secret": "csecret",
                "refresh_token": "1//refresh", "quota_project_id": "billing-p", "token_uri": "\(server.baseURL)/token",
            ])
            let credentials = try ApplicationDefaultCredentials.load(path: file.path)
            #expect(credentials.quotaProject == "billing-p")
            _ = try await makeClient(server, credentials: credentials).listModelsPage(in: testLocation)
            let call = try #require(server.requests.last)
            #expect(call.header("Authorization") == "Bearer ya29.user-token")
            #expect(call.header("x-goog-user-project") == "billing-p")
        }
    }

    @Test func unauthorizedRefreshesTheTokenOnce() async throws {
        let exchanges = Counter()
        try await withLoopbackServer(handler: { request in
            if request.path == "/token" {
                return .json(#"{"access_token":"token-\#(exchanges.next())","expires_in":3600}"#)
            }
            return request.header("Authorization") == "Bearer token-2"
                ? .json(#"{"model":[]}"#)
                : .json(#"{"error":{"code":401,"message":"expired","status":"UNAUTHENTICATED"}}"#, status: 401)
        }) { server in
            let file = try writeTemporaryJSON([
                "type": "authorized_user", "client_id": "cid", "client_secret": "s", "refresh_token": "r",
                "token_uri": "\(server.baseURL)/token",
            ])
            let client = makeClient(server, credentials: try ApplicationDefaultCredentials.load(path: file.path))
            _ = try await client.listModelsPage(in: testLocation)
            #expect(exchanges.count == 2)
        }
    }

    @Test func gcloudTokenIsCachedAndItsFailureIsClear() async throws {
        let directory = try temporaryDirectory()
        let counter = directory.appendingPathComponent("count")
        let script = directory.appendingPathComponent("gcloud")
        try """
        #!/bin/sh
        echo x >> '\(counter.path)'
        [ "$1 $2" = "auth print-access-token" ] || { echo "unexpected: $*" >&2; exit 2; }
        echo ya29.from-gcloud
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let credentials = GcloudCredentials(executable: script.path, environment: .process)
        #expect(try await credentials.accessToken(forceRefresh: false) == "ya29.from-gcloud")
        #expect(try await credentials.accessToken(forceRefresh: false) == "ya29.from-gcloud")
        #expect(try String(contentsOf: counter, encoding: .utf8).split(separator: "\n").count == 1)

        let failing = directory.appendingPathComponent("gcloud-failing")
        try
            "#!/bin/sh\necho 'ERROR: (gcloud.auth.print-access-token) You do not currently have an active account.' >&2\nexit 1\n"
            .write(to: failing, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing.path)
        let error = await #expect(throws: CredentialsError.self) {
            _ = try await GcloudCredentials(executable: failing.path).accessToken(forceRefresh: false)
        }
        #expect(error?.message.contains("do not currently have an active account") == true)
        await #expect(throws: CredentialsError.self) {
            _ = try await GcloudCredentials(
                executable: "gcloud-not-installed-here",
                environment: EnvironmentVariables(["PATH": directory.path])
            )
            .accessToken(forceRefresh: false)
        }
    }

    @Test func resolverPrefersTheEnvironmentToken() throws {
        let environment = EnvironmentVariables(["GOOGLE_OAUTH_ACCESS_TOKEN": "ya29.env", "HOME": "/nonexistent"])
        let credentials = try CredentialsResolver.resolve(environment: environment, fileExists: { _ in false })
        #expect(credentials is StaticTokenCredentials)
        let fallback = try CredentialsResolver.resolve(
            environment: EnvironmentVariables(["HOME": "/nonexistent"]),
            fileExists: { _ in false })
        #expect(fallback is GcloudCredentials)
        #expect(throws: CredentialsError.self) {
            _ = try CredentialsResolver.resolve(
                environment: EnvironmentVariables(["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/key.json"]),
                fileExists: { _ in false })
        }
    }
}

/// `a=1&b=2` → `["a": "1", "b": "2"]`, percent-decoded.
func parseForm(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in text.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
        if parts.count == 2 { result[parts[0]] = parts[1] }
    }
    return result
}

/// Part `index` (0 header, 1 claims) of a compact JWT, decoded.
func jwtPart(_ index: Int, of jwt: String) -> JSONObject? {
    let parts = jwt.split(separator: ".")
    guard parts.count == 3, let data = base64URLDecoded(String(parts[index])) else { return nil }
    return (try? JSONDecoder().decode(JSONValue.self, from: data))?.objectValue
}

func jwtClaims(_ jwt: String) -> JSONObject? { jwtPart(1, of: jwt) }

/// Checks the RS256 signature of a compact JWT with the public key, as a token endpoint does.
func verifyRS256(_ jwt: String, with key: _RSA.Signing.PublicKey) -> Bool {
    let parts = jwt.split(separator: ".")
    guard parts.count == 3, let signature = base64URLDecoded(String(parts[2])) else { return false }
    let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
    return key.isValidSignature(
        _RSA.Signing.RSASignature(rawRepresentation: signature),
        for: SHA256.hash(data: signingInput), padding: .insecurePKCS1v1_5)
}

func base64URLDecoded(_ text: String) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("automl-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func writeTemporaryJSON(_ object: [String: String]) throws -> URL {
    let url = try temporaryDirectory().appendingPathComponent("credentials.json")
    try JSONEncoder().encode(object).write(to: url)
    return url
}
