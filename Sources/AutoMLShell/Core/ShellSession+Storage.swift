import AutoMLClient
import AutoMLWire
import Foundation

extension ShellSession {
    /// The local backend's bucket for the shell's own files, when no bucket is set.
    static let localStagingBucket = "automl-shell"

    /// A Cloud Storage client for the current endpoint: Google's storage host when the endpoint is Google's, the
    /// endpoint's server otherwise (the local backend serves every API; so does `automl emulator`), without the
    /// path a Vertex AI surface has (`http://127.0.0.1:PORT/vertex` → `http://127.0.0.1:PORT`).
    func storage() async throws -> StorageClient {
        let client = try await client()
        let endpoint = context.endpointValue
        if endpoint.isGoogle { return StorageClient(sharing: client, endpoint: StorageClient.googleEndpoint) }
        guard endpoint.api == .vertex, let url = endpoint.url, var origin = URLComponents(string: url) else {
            return StorageClient(sharing: client, endpoint: nil)
        }
        origin.path = ""
        return StorageClient(sharing: client, endpoint: origin.string)
    }

    /// The bucket the shell stages files in: the one set (`set bucket`), or on the local backend its own
    /// `automl-shell`; on a local backend either is made when missing. Google has no such default: the bucket must
    /// be one of the user's.
    func stagingBucket(_ storage: StorageClient) async throws -> String {
        if let bucket = context.bucket { return try await existingBucket(bucket, storage) }
        guard context.endpointValue.isLocalServer || isLoopbackEndpoint else {
            throw ShellError(
                "this needs a Cloud Storage bucket to stage files in",
                hint: "`set bucket NAME` (a bucket of project \(context.project ?? "?") the AutoML service can read)")
        }
        return try await existingBucket(Self.localStagingBucket, storage)
    }

    /// The bucket an import uploads to: `named` (`--bucket`), or the staging bucket.
    func importBucket(_ named: String?, _ storage: StorageClient) async throws -> String {
        guard let named else { return try await stagingBucket(storage) }
        if let problem = GCSBucketName.problem(named) {
            throw ShellError("\"\(named)\" is not a bucket name: \(problem)")
        }
        return try await existingBucket(named, storage)
    }

    /// `bucket`, made first on a local backend when it is missing; on Google it must exist.
    private func existingBucket(_ bucket: String, _ storage: StorageClient) async throws -> String {
        if try await storage.bucketExists(bucket) { return bucket }
        guard context.endpointValue.isLocalServer || isLoopbackEndpoint else {
            throw ShellError(
                "there is no bucket \(bucket), or the credentials cannot see it",
                hint:
                    "make it in project \(context.project ?? "?") first (gcloud storage buckets create gs://\(bucket))"
            )
        }
        try await storage.createBucket(bucket, project: try location().project)
        return bucket
    }

    /// Whether the endpoint is a server on this machine (`automl emulator`), which serves storage over its gs:// root.
    private var isLoopbackEndpoint: Bool {
        context.endpointValue.url.map(EndpointChoice.isOnThisMachine) ?? false
    }

    /// Deletes every object under `prefix`; a failure is noted (the objects stay), never thrown.
    func removeObjects(under prefix: StorageLocation, _ storage: StorageClient) async {
        do {
            for object in try await storage.list(bucket: prefix.bucket, prefix: prefix.name) {
                try await storage.delete(StorageLocation(bucket: object.bucket, name: object.name))
            }
        } catch {
            note("warning: could not remove \(prefix): \(ErrorReport.oneLine(error, session: self))")
        }
    }
}
