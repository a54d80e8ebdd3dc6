import AutoMLWire
import Crypto
import Foundation
import _CryptoExtras

/// The self-signed JWT a service account exchanges for an access token (RFC 7523): RS256 over
/// `{"alg":"RS256","typ":"JWT","kid":…}.{iss, scope, aud, iat, exp}`.
struct ServiceAccountJWT {
    var clientEmail: String
    var privateKeyID: String?
    var scope: String
    var audience: String
    var issuedAt: Int64
    var lifetimeSeconds: Int64 = 3600

    /// The compact serialization, signed with the key.
    func signed(with key: _RSA.Signing.PrivateKey) throws -> String {
        var header: JSONObject = ["alg": .string("RS256"), "typ": .string("JWT")]
        if let privateKeyID, !privateKeyID.isEmpty { header["kid"] = .string(privateKeyID) }
        let claims: JSONObject = [
            "iss": .string(clientEmail),
            "scope": .string(scope),
            "aud": .string(audience),
            "iat": .integer(issuedAt),
            "exp": .integer(issuedAt + lifetimeSeconds),
        ]
        let signingInput =
            base64URL(JSONValue.object(header).encodedData()) + "."
            + base64URL(JSONValue.object(claims).encodedData())
        let signature = try key.signature(for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }
}

/// Base64url without padding, as JWTs use.
func base64URL(_ data: Data) -> String {
    data.base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
