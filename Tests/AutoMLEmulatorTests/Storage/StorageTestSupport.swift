import Foundation

/// Buckets and objects made through the storage routes, for the storage tests.
extension ServedEmulator {
    /// `POST /storage/v1/b?project=PROJECT` for bucket `name`, with `token` as the bearer when given.
    func createBucket(_ name: String = "bkt", project: String = "p", token: String? = nil) async throws -> RawResponse {
        try await raw(
            "POST", "/storage/v1/b?project=\(project)", body: .text(#"{"name":"\#(name)"}"#),
            headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    /// A media upload of `text` as object `name` (percent-encoded here) of `bucket`.
    func uploadObject(_ name: String, _ text: String, bucket: String = "bkt", token: String? = nil) async throws
        -> RawResponse
    {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        return try await raw(
            "POST", "/upload/storage/v1/b/\(bucket)/o?uploadType=media&name=\(encoded)", body: .text(text),
            headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }
}
