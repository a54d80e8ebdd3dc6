public import AutoMLWire
public import Foundation

/// The Cloud Storage JSON API, the subset the AutoML workflow needs: bucket get, object uploads (multipart, and
/// resumable for large objects, resumed after a dropped connection), metadata, downloads (`alt=media`, ranges),
/// listings (prefix, delimiter, paging) and deletes. It runs on the same transport, credentials, retries and errors
/// as ``AutoMLClient`` — it is one, pointed at the storage endpoint: `https://storage.googleapis.com` for Google, the
/// local backend's own URL for the local backend (which serves these routes over its `gs://` folder).
public struct StorageClient: Sendable {
    /// Google's storage endpoint.
    public static let googleEndpoint = "https://storage.googleapis.com"
    /// Objects up to this size go in one multipart request; larger ones in a resumable session (8 MiB, as Google's
    /// Python client does).
    public var multipartLimit = 8 << 20
    /// The size of a resumable upload's chunks; a multiple of 256 KiB, as the API requires.
    public var chunkSize = 16 << 20 {
        didSet { chunkSize = max(256 << 10, chunkSize / (256 << 10) * (256 << 10)) }
    }

    let engine: AutoMLClient

    /// A client of `configuration.endpoint` (set it to ``googleEndpoint`` or a local server's URL).
    public init(configuration: AutoMLClient.Configuration, transport: any HTTPTransport = AsyncHTTPClientTransport()) {
        engine = AutoMLClient(configuration: configuration, transport: transport)
    }

    /// A client that shares an AutoML client's transport, credentials and retries, on another endpoint (nil: the
    /// AutoML client's own, as for the local backend).
    public init(sharing client: AutoMLClient, endpoint: String? = nil) {
        var configuration = client.configuration
        if let endpoint { configuration.endpoint = endpoint }
        engine = AutoMLClient(
            configuration: configuration, transport: client.transport, environment: client.environment)
    }

    // MARK: Buckets

    /// Whether a bucket exists (and the credentials may see it); other errors are thrown.
    public func bucketExists(_ bucket: String, options: CallOptions = .init()) async throws -> Bool {
        do {
            _ = try await json(
                RESTCall(
                    method: "GET", path: "/storage/v1/b/\(escape(bucket))", idempotent: true,
                    routing: ""), options: options)
            return true
        } catch let error as AutoMLError where error.code == .notFound {
            return false
        }
    }

    /// Creates a bucket in `project`; false when it exists already (409).
    @discardableResult
    public func createBucket(_ bucket: String, project: String, options: CallOptions = .init()) async throws -> Bool {
        var writer = JSONWriter()
        writer.write(.object(["name": .string(bucket)]))
        do {
            _ = try await json(
                RESTCall(
                    method: "POST", path: "/storage/v1/b", query: [("project", project)], body: Data(writer.bytes),
                    // Sent again after a lost answer, the insert meets the bucket it made: 409, which is success here.
                    idempotent: true, routing: ""), options: options)
            return true
        } catch let error as AutoMLError where error.code == .alreadyExists || error.httpStatus == 409 {
            return false
        }
    }

    // MARK: Objects

    /// An object's metadata; nil when there is no such object.
    public func object(_ location: StorageLocation, options: CallOptions = .init()) async throws -> StorageObject? {
        do {
            return try StorageObject(
                json: try await json(
                    RESTCall(method: "GET", path: objectPath(location), idempotent: true, routing: ""), options: options
                ))
        } catch let error as AutoMLError where error.code == .notFound {
            return nil
        }
    }

    /// An object's bytes, all of them or `range` (byte offsets, end excluded).
    public func download(_ location: StorageLocation, range: Range<Int64>? = nil, options: CallOptions = .init())
        async throws -> Data
    {
        var call = RESTCall(
            method: "GET", path: "/download" + objectPath(location), query: [("alt", "media")], idempotent: true,
            routing: "")
        if let range { call.headers = [("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")] }
        return try await engine.send(call, options: options).body
    }

    /// Stores `data` as the object, replacing any earlier one: one multipart request up to `multipartLimit`,
    /// a resumable session above it. The bytes' MD5 and CRC32C go along, and the service's answer is checked against
    /// them.
    ///
    /// Uploads are retried like reads: sending the same bytes under the same name twice makes the same object.
    public func upload(_ data: Data, to location: StorageLocation, contentType: String, options: CallOptions = .init())
        async throws -> StorageObject
    {
        let bytes = [UInt8](data)
        let crc32c = CRC32C.base64(of: bytes)
        let md5 = MD5.base64(of: bytes)
        let stored: StorageObject
        if data.count <= multipartLimit {
            stored = try await uploadMultipart(
                data, to: location, contentType: contentType, crc32c: crc32c,
                md5: md5, options: options)
        } else {
            stored = try await uploadResumable(
                data, to: location, contentType: contentType, crc32c: crc32c,
                options: options)
        }
        if !stored.crc32c.isEmpty, stored.crc32c != crc32c {
            throw TransportError(.malformedResponse, "\(location) was stored with another checksum than was sent")
        }
        return stored
    }

    private func uploadMultipart(
        _ data: Data, to location: StorageLocation, contentType: String, crc32c: String,
        md5: String, options: CallOptions
    ) async throws -> StorageObject {
        let boundary = "automl-\(UUID().uuidString)"
        var writer = JSONWriter()
        writer.write(
            .object([
                "name": .string(location.name), "crc32c": .string(crc32c), "md5Hash": .string(md5),
                "contentType": .string(contentType),
            ]))
        var body = Data("--\(boundary)\r\ncontent-type: application/json; charset=UTF-8\r\n\r\n".utf8)
        body += Data(writer.bytes)
        body += Data("\r\n--\(boundary)\r\ncontent-type: \(contentType)\r\n\r\n".utf8)
        body += data
        body += Data("\r\n--\(boundary)--".utf8)
        let call = RESTCall(
            method: "POST", path: "/upload/storage/v1/b/\(escape(location.bucket))/o",
            query: [("uploadType", "multipart")], body: body, idempotent: true, routing: "",
            contentType: "multipart/related; boundary=\(boundary)")
        return try StorageObject(json: try JSONValue(parsing: try await engine.send(call, options: options).body))
    }

    /// A resumable session: started, then sent in `chunkSize` pieces; a piece whose answer is lost is followed by
    /// a status query, and the upload goes on from where the service says it is.
    private func uploadResumable(
        _ data: Data, to location: StorageLocation, contentType: String, crc32c: String,
        options: CallOptions
    ) async throws -> StorageObject {
        var writer = JSONWriter()
        writer.write(.object(["name": .string(location.name), "contentType": .string(contentType)]))
        let start = RESTCall(
            method: "POST", path: "/upload/storage/v1/b/\(escape(location.bucket))/o",
            query: [("uploadType", "resumable")], body: Data(writer.bytes), idempotent: true, routing: "",
            headers: [("X-Upload-Content-Type", contentType), ("X-Upload-Content-Length", String(data.count))])
        let started = try await engine.send(start, options: options)
        guard let session = started.header("Location") else {
            throw TransportError(.malformedResponse, "the resumable upload of \(location) got no session URL")
        }
        let total = Int64(data.count)
        var offset: Int64 = 0
        var lostAnswers = 0
        while true {
            let end = min(offset + Int64(chunkSize), total)
            var call = RESTCall(
                method: "PUT", path: "", body: data.subdata(in: Int(offset)..<Int(end)), idempotent: true, routing: "",
                url: session, contentType: contentType, alsoSuccessful: [308])
            call.headers = [("Content-Range", total == 0 ? "bytes */0" : "bytes \(offset)-\(end - 1)/\(total)")]
            if end == total { call.headers.append(("X-Goog-Hash", "crc32c=\(crc32c)")) }
            let response: HTTPResponse
            do {
                response = try await engine.send(call, options: options)
            } catch is TransportError where lostAnswers < 5 {
                // The piece may or may not have arrived: ask how far the upload is, and go on from there.
                lostAnswers += 1
                offset = try await persisted(session, options: options) ?? 0
                continue
            }
            if response.status != 308 {
                return try StorageObject(json: try JSONValue(parsing: response.body))
            }
            offset = Self.persistedBytes(response) ?? 0
        }
    }

    /// How many bytes of a resumable upload the service has (a `bytes */*` status query); nil when none.
    private func persisted(_ session: String, options: CallOptions) async throws -> Int64? {
        var call = RESTCall(method: "PUT", path: "", idempotent: true, routing: "", url: session, alsoSuccessful: [308])
        call.headers = [("Content-Range", "bytes */*")]
        let response = try await engine.send(call, options: options)
        return Self.persistedBytes(response)
    }

    /// The number of bytes a 308's `Range: bytes=0-N` says were kept (N + 1); nil without one.
    static func persistedBytes(_ response: HTTPResponse) -> Int64? {
        guard let range = response.header("Range"), range.hasPrefix("bytes=0-"), let last = Int64(range.dropFirst(8))
        else { return nil }
        return last + 1
    }

    /// Deletes an object; false when there was none.
    @discardableResult
    public func delete(_ location: StorageLocation, options: CallOptions = .init()) async throws -> Bool {
        do {
            _ = try await engine.send(
                RESTCall(method: "DELETE", path: objectPath(location), idempotent: true, routing: ""), options: options)
            return true
        } catch let error as AutoMLError where error.code == .notFound {
            return false
        }
    }

    // MARK: Listings

    /// One page of the objects of a bucket whose names start with `prefix`.
    public func listPage(
        bucket: String, prefix: String = "", delimiter: String? = nil, pageToken: String? = nil,
        maxResults: Int? = nil, options: CallOptions = .init()
    ) async throws -> StorageObjectPage {
        var query: [(String, String)] = [("prefix", prefix)]
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let pageToken { query.append(("pageToken", pageToken)) }
        if let maxResults { query.append(("maxResults", String(maxResults))) }
        let page = try await json(
            RESTCall(
                method: "GET", path: "/storage/v1/b/\(escape(bucket))/o", query: query, idempotent: true,
                routing: ""), options: options)
        return StorageObjectPage(
            items: try (page["items"]?.arrayValue ?? []).map(StorageObject.init(json:)),
            prefixes: (page["prefixes"]?.arrayValue ?? []).compactMap(\.stringValue),
            nextPageToken: page["nextPageToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every object of a bucket whose name starts with `prefix`, page after page.
    public func list(bucket: String, prefix: String = "", options: CallOptions = .init()) async throws
        -> [StorageObject]
    {
        var objects: [StorageObject] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await listPage(bucket: bucket, prefix: prefix, pageToken: token, options: options)
            objects += page.items
            token = page.nextPageToken
            if let token, !seen.insert(token).inserted {
                throw TransportError(.malformedResponse, "the listing of gs://\(bucket)/\(prefix) repeats a page token")
            }
        } while token != nil
        return objects
    }

    // MARK: Calls

    private func json(_ call: RESTCall, options: CallOptions) async throws -> JSONValue {
        let response = try await engine.send(call, options: options)
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw TransportError(.malformedResponse, "the answer to \(call.method) \(call.path) is not JSON: \(error)")
        }
    }

    private func objectPath(_ location: StorageLocation) -> String {
        "/storage/v1/b/\(escape(location.bucket))/o/\(escape(location.name))"
    }

    /// A path segment with only `A-Za-z0-9-._~` left as is (`/` inside an object name is escaped too).
    private func escape(_ segment: String) -> String {
        percentEncoded(segment)
    }
}
