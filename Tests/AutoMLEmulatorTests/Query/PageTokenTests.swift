import Foundation
import Testing

@testable import AutoMLEmulator

/// Page tokens continue exactly the query they were issued for and nothing else.
@Suite struct PageTokenTests {
    private let parent = "projects/p/locations/us-central1"

    private func scope(_ filter: String = "", list: FilterableList = .operations) throws -> PageScope {
        PageScope(parent: parent, filter: try FilterExpression(parsing: filter, for: list))
    }

    @Test func roundTrip() throws {
        let scope = try scope("done=true")
        let token = PageToken(lastKey: "2024-01-01T00:00:00Z|ICN42", scope: scope)
        let decoded = try PageToken(decoding: token.encoded, scope: scope)
        #expect(decoded == token)
        #expect(decoded.lastKey == "2024-01-01T00:00:00Z|ICN42")
    }

    @Test func tokensAreURLSafe() throws {
        let scope = try scope()
        for key in ["", "a", "ab", "abc", "ü/+?&= \"\\", String(repeating: "\u{FFFF}", count: 9)] {
            let encoded = PageToken(lastKey: key, scope: scope).encoded
            #expect(encoded.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            #expect(try PageToken(decoding: encoded, scope: scope).lastKey == key)
        }
    }

    @Test func sameFilterSpelledDifferentlyKeepsTheToken() throws {
        let token = PageToken(lastKey: "k", scope: try scope("done=true AND works_on=projects/p/locations/l/models/*"))
        let respelled = try scope(#"done = true AND worksOn = "projects/p/locations/l/models/*""#)
        #expect(try PageToken(decoding: token.encoded, scope: respelled).lastKey == "k")
    }

    @Test func tokenOfAnotherQueryIsRejected() throws {
        let encoded = PageToken(lastKey: "k", scope: try scope("done=true")).encoded
        let others = [
            try scope("done=false"),
            try scope(""),
            PageScope(
                parent: "projects/other/locations/us-central1",
                filter: try FilterExpression(parsing: "done=true", for: .operations)),
            PageScope(list: "models", parent: parent, filter: "done=true"),
        ]
        for other in others {
            let error = #expect(throws: PagingError.self) { try PageToken(decoding: encoded, scope: other) }
            #expect(error?.message == "page token is not valid for this request")
        }
    }

    @Test func tamperedTokenIsRejected() throws {
        let scope = try scope()
        let encoded = PageToken(lastKey: "ICN5", scope: scope).encoded
        // Rewrite the key inside the JSON without fixing the checksum.
        let json = try #require(Data(base64Encoded: base64(encoded)).map { String(decoding: $0, as: UTF8.self) })
        let forged = Data(json.replacingOccurrences(of: "ICN5", with: "ICN1").utf8).base64EncodedString()
        #expect(throws: PagingError.invalidPageToken) { try PageToken(decoding: forged, scope: scope) }
        // Flip one character of the token itself.
        var characters = Array(encoded)
        characters[characters.count / 2] = characters[characters.count / 2] == "A" ? "B" : "A"
        #expect(throws: PagingError.invalidPageToken) { try PageToken(decoding: String(characters), scope: scope) }
    }

    @Test(arguments: ["garbage", "!!!", "e30", "bnVsbA", "eyJ2IjoxfQ", "%%%%", "a", " "])
    func garbageIsRejected(token: String) throws {
        #expect(throws: PagingError.invalidPageToken) { try PageToken(decoding: token, scope: try scope()) }
    }

    @Test func fingerprintDependsOnEveryPart() {
        let base = PageScope(list: "models", parent: parent, filter: "")
        #expect(base.fingerprint == PageScope(list: "models", parent: parent, filter: "").fingerprint)
        #expect(base.fingerprint != PageScope(list: "datasets", parent: parent, filter: "").fingerprint)
        #expect(base.fingerprint.count == 16)
    }

    @Test func fnv1aMatchesKnownVectors() {
        #expect(FNV1a64.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hex("foobar") == "85944171f73967e8")
    }

    private func base64(_ urlSafe: String) -> String {
        let text = urlSafe.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return text + String(repeating: "=", count: (4 - text.count % 4) % 4)
    }
}
