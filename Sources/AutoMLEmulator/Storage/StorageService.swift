import AutoMLWire
import Foundation

/// The Cloud Storage JSON API subset the workflow needs, over the `gs://` root (shared/reference/gcs-json-api.md):
/// buckets get and insert; objects insert (media, multipart, resumable), get (metadata or `alt=media`, ranges), list
/// (prefix, delimiter, paging) and delete, on the paths Google's clients use, including `/upload/…` and
/// `/download/…`. The same rules as the `gs://` mapping of imports hold: no name reaches outside the root, and bucket
/// and object names are checked as Cloud Storage checks them.
struct StorageService: Sendable {
    let objects: StorageObjects
    let uploads: StorageUploads

    /// Whether a path belongs to these routes.
    static func handles(_ path: String) -> Bool {
        path.hasPrefix("/storage/v1/") || path.hasPrefix("/upload/storage/v1/")
            || path.hasPrefix("/download/storage/v1/")
    }

    /// Answers a storage request.
    /// - Parameter project: the project the request's token is limited to: then only the buckets created for that
    ///   project can be used, and new buckets are created for it. nil for an unlimited token (or none).
    func handle(_ request: EmulatorRequest, limitedTo project: String? = nil) async -> EmulatorResponse {
        do {
            return try await route(request, limitedTo: project)
        } catch let error as StorageError {
            return error.response
        } catch let error as GCSPathError {
            return StorageError.invalid("Invalid name: \(error.detail).").response
        } catch {
            // The backend's own fault; in words that show neither its folders nor Foundation's types.
            return StorageError(status: 500, reason: "internalError", message: FileFailure.describe(error)).response
        }
    }

    private func route(_ request: EmulatorRequest, limitedTo project: String?) async throws -> EmulatorResponse {
        let path = request.path
        let area = path.hasPrefix("/upload/") ? "upload" : path.hasPrefix("/download/") ? "download" : "json"
        let rest = path.dropFirst(area == "json" ? "/storage/v1/".count : "/\(area)/storage/v1/".count)
        guard rest.hasPrefix("b") else { throw unknown(request) }
        if rest == "b" {
            guard request.method == "POST", area == "json" else { throw unknown(request) }
            return try await createBucket(request, limitedTo: project)
        }
        guard rest.hasPrefix("b/") else { throw unknown(request) }
        let afterB = rest.dropFirst(2)
        let bucket = String(afterB.prefix { $0 != "/" })
        try StorageNames.checkBucket(bucket)
        // A bucket that does not exist is 404 for everyone (so a tenant can find a free name and create it); one
        // that exists and is not the project's is 403.
        if let project, objects.bucketExists(bucket), try await objects.store.bucketOwner(bucket) != project {
            throw StorageError.forbidden(
                "The token is limited to project \(project), which may use only the buckets created for it; "
                    + "\(bucket) is not one.")
        }
        let tail = afterB.dropFirst(bucket.count)
        switch (area, request.method, tail) {
        case ("json", "GET", ""):
            return try bucketResponse(bucket)
        case ("json", "GET", "/o"):
            return try await list(bucket, request)
        case ("upload", "POST", "/o"):
            return try await upload(bucket, request)
        case ("upload", "PUT", "/o"):
            return try await resume(bucket, request)
        case ("upload", "DELETE", "/o"):
            // Cloud Storage answers a cancelled session 499; one that does not exist is 404.
            guard let id = request.query["upload_id"], uploads.cancel(id) else {
                throw StorageError.notFound("No such upload session.")
            }
            return StorageError(status: 499, reason: "clientClosedRequest", message: "The upload was cancelled.")
                .response
        default:
            guard tail.hasPrefix("/o/"), tail.count > 3 else { throw unknown(request) }
            let name = String(tail.dropFirst(3))
            try StorageNames.checkObject(name, bucket: bucket)
            switch (area, request.method) {
            case ("json", "GET"):
                return request.query["alt"] == "media"
                    ? try await download(bucket, name, request) : try await objectResponse(bucket, name, request)
            case ("download", "GET"):
                return try await download(bucket, name, request)
            case ("json", "DELETE"):
                try await requireBucket(bucket)
                guard try await objects.delete(bucket: bucket, name: name) else {
                    throw StorageError.notFound("No such object: \(bucket)/\(name)")
                }
                return EmulatorResponse(status: 204, body: Data())
            default:
                throw unknown(request)
            }
        }
    }

    // MARK: Buckets

    /// Creates a bucket for the `project` query parameter (Google's clients send it), or for the project the token
    /// is limited to, which must then be the same.
    private func createBucket(_ request: EmulatorRequest, limitedTo limit: String?) async throws -> EmulatorResponse {
        guard let body = try? JSONValue(parsing: request.body), let name = body["name"]?.stringValue else {
            throw StorageError.invalid("The bucket's JSON needs a name.")
        }
        try StorageNames.checkBucket(name)
        let requested = request.query["project"].flatMap { $0.isEmpty ? nil : $0 }
        if let limit, let requested, requested != limit {
            throw StorageError.forbidden(
                "The token is limited to project \(limit); it cannot create buckets for \(requested).")
        }
        guard try objects.createBucket(name) else { throw StorageError.conflict("The bucket \(name) already exists.") }
        if let owner = limit ?? requested { try await objects.store.setBucketOwner(name, project: owner) }
        return try bucketResponse(name)
    }

    private func bucketResponse(_ bucket: String) throws -> EmulatorResponse {
        guard objects.bucketExists(bucket) else { throw StorageError.notFound("The bucket \(bucket) does not exist.") }
        return json(StorageJSON.bucket(bucket))
    }

    private func requireBucket(_ bucket: String) async throws {
        guard objects.bucketExists(bucket) else { throw StorageError.notFound("The bucket \(bucket) does not exist.") }
    }

    // MARK: Objects

    private func objectResponse(_ bucket: String, _ name: String, _ request: EmulatorRequest) async throws
        -> EmulatorResponse
    {
        try await requireBucket(bucket)
        let metadata = try await current(bucket, name, generation: request.query["generation"])
        return json(StorageJSON.object(metadata, host: request.header("Host")))
    }

    /// The object's metadata; 404 when it does not exist or is not at the generation asked for.
    private func current(_ bucket: String, _ name: String, generation: String?) async throws -> StoredObjectMetadata {
        guard let metadata = try await objects.metadata(bucket: bucket, name: name),
            generation.map({ $0 == String(metadata.generation) }) ?? true
        else { throw StorageError.notFound("No such object: \(bucket)/\(name)") }
        return metadata
    }

    private func download(_ bucket: String, _ name: String, _ request: EmulatorRequest) async throws
        -> EmulatorResponse
    {
        try await requireBucket(bucket)
        let metadata = try await current(bucket, name, generation: request.query["generation"])
        var headers: [(name: String, value: String)] = [
            ("Content-Type", metadata.contentType), ("X-Goog-Hash", "crc32c=\(metadata.crc32c),md5=\(metadata.md5)"),
            ("X-Goog-Generation", String(metadata.generation)), ("X-Goog-Metageneration", "1"),
            ("X-Goog-Stored-Content-Length", String(metadata.size)), ("X-Goog-Stored-Content-Encoding", "identity"),
            ("X-Goog-Storage-Class", "STANDARD"), ("ETag", StorageJSON.etag(metadata)), ("Accept-Ranges", "bytes"),
        ]
        guard let rangeHeader = request.header("Range") else {
            return EmulatorResponse(
                status: 200, headers: headers,
                body: try objects.read(bucket: bucket, name: name))
        }
        guard let range = Self.byteRange(rangeHeader, size: metadata.size) else {
            var error = StorageError(
                status: 416, reason: "requestedRangeNotSatisfiable",
                message: "The range \(rangeHeader) is not within the object's \(metadata.size) bytes.")
            error.headers = [("Content-Range", "bytes */\(metadata.size)")]
            throw error
        }
        headers.append(("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(metadata.size)"))
        return EmulatorResponse(
            status: 206, headers: headers,
            body: try objects.read(bucket: bucket, name: name, range: range))
    }

    /// `bytes=S-E`, `bytes=S-` or `bytes=-N` within `size`; nil when it cannot be satisfied.
    static func byteRange(_ header: String, size: Int64) -> Range<Int64>? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[0].isEmpty {
            guard let suffix = Int64(spec[1]), suffix > 0, size > 0 else { return nil }
            return max(0, size - suffix)..<size
        }
        guard let first = Int64(spec[0]), first < size else { return nil }
        let last = spec[1].isEmpty ? size - 1 : min(Int64(spec[1]) ?? -1, size - 1)
        guard last >= first else { return nil }
        return first..<(last + 1)
    }

    // MARK: Uploads

    private func upload(_ bucket: String, _ request: EmulatorRequest) async throws -> EmulatorResponse {
        try await requireBucket(bucket)
        let type = request.header("X-Upload-Content-Type")
        switch request.query["uploadType"] {
        case "media":
            guard let name = request.query["name"] else { throw StorageError.invalid("uploadType=media needs name=…") }
            try StorageNames.checkObject(name, bucket: bucket)
            try await checkPreconditions(bucket, name, request)
            let written = try await objects.write(
                bucket: bucket, name: name, data: request.body,
                contentType: request.header("Content-Type") ?? StorageObjects.contentType(forName: name))
            return json(StorageJSON.object(written, host: request.header("Host")))
        case "multipart":
            let multipart = try MultipartRelated(body: request.body, contentType: request.header("Content-Type") ?? "")
            guard case .object(let fields)? = try? JSONValue(parsing: multipart.parts[0].body),
                let name = fields["name"]?.stringValue
            else { throw StorageError.invalid("The metadata part of a multipart upload needs a name.") }
            try StorageNames.checkObject(name, bucket: bucket)
            try await checkPreconditions(bucket, name, request)
            let media = multipart.parts[1]
            try Self.verify(media.body, crc32c: fields["crc32c"]?.stringValue, md5: fields["md5Hash"]?.stringValue)
            let written = try await objects.write(
                bucket: bucket, name: name, data: media.body,
                contentType: fields["contentType"]?.stringValue ?? media.contentType)
            return json(StorageJSON.object(written, host: request.header("Host")))
        case "resumable":
            let fields = (try? JSONValue(parsing: request.body))?.objectValue ?? [:]
            guard let name = fields["name"]?.stringValue ?? request.query["name"] else {
                throw StorageError.invalid("A resumable upload needs the object's name.")
            }
            try StorageNames.checkObject(name, bucket: bucket)
            try await checkPreconditions(bucket, name, request)
            let id = try uploads.start(
                StorageUploads.Session(
                    bucket: bucket, name: name,
                    contentType: fields["contentType"]?.stringValue ?? type
                        ?? StorageObjects.contentType(forName: name),
                    total: try declaredLength(request)))
            let host = request.header("Host") ?? "127.0.0.1"
            let location = "http://\(host)/upload/storage/v1/b/\(bucket)/o?uploadType=resumable&upload_id=\(id)"
            return EmulatorResponse(
                status: 200, headers: [("Location", location), ("X-GUploader-UploadID", id)],
                body: Data())
        default:
            throw StorageError.invalid("uploadType must be media, multipart or resumable.")
        }
    }

    /// `X-Upload-Content-Length`, when given: a size from 0 to 5 TiB.
    private func declaredLength(_ request: EmulatorRequest) throws -> Int64? {
        guard let text = request.header("X-Upload-Content-Length") else { return nil }
        guard let length = Int64(text), (0...StorageUploads.maxObjectSize).contains(length) else {
            throw StorageError.invalid("X-Upload-Content-Length must be a size from 0 to 5 TiB, not \(text).")
        }
        return length
    }

    /// A chunk (or a status query) of a resumable upload: 308 with how far it is, or 200 and the object once whole.
    private func resume(_ bucket: String, _ request: EmulatorRequest) async throws -> EmulatorResponse {
        guard let id = request.query["upload_id"] else { throw StorageError.invalid("A PUT upload needs upload_id=…") }
        return try await uploads.withSession(id) {
            var (session, received) = try uploads.session(id)
            guard session.bucket == bucket else { throw StorageError.invalid("The session belongs to another bucket.") }
            switch try StorageUploads.parseRange(request.header("Content-Range")) {
            case .query?:
                break
            case .total(let total)?:
                session.total = total
                try uploads.setTotal(id, total, session: session)
            case .bytes(let first, let last, let total)?:
                guard Int64(request.body.count) == last - first + 1 else {
                    throw StorageError.invalid(
                        "The chunk has \(request.body.count) bytes, not the \(last - first + 1) its Content-Range says."
                    )
                }
                received = try uploads.append(id, request.body, first: first, received: received)
                if let total, session.total != total {
                    session.total = total
                    try uploads.setTotal(id, total, session: session)
                }
            case nil:
                // The whole object in one request, without a Content-Range.
                received = try uploads.append(id, request.body, first: 0, received: received)
                session.total = received
            }
            if let total = session.total, received > total {
                uploads.cancel(id)
                throw StorageError.invalid("The upload has \(received) bytes, more than the \(total) it announced.")
            }
            guard let total = session.total, received == total else {
                let range: [(name: String, value: String)] = received > 0 ? [("Range", "bytes=0-\(received - 1)")] : []
                return EmulatorResponse(status: 308, headers: range, body: Data())
            }
            let part = uploads.finish(id)
            if let hash = request.header("X-Goog-Hash") {
                let (md5, crc32c) = try StorageObjects.checksums(of: part)
                for item in hash.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    let crcMismatch = item.hasPrefix("crc32c=") && item.dropFirst(7) != crc32c
                    let md5Mismatch = item.hasPrefix("md5=") && item.dropFirst(4) != md5
                    if crcMismatch || md5Mismatch {
                        unlink(part.path)
                        throw StorageError.invalid("The uploaded bytes do not match their checksum (\(item)).")
                    }
                }
            }
            let written = try await objects.place(
                part, bucket: bucket, name: session.name,
                contentType: session.contentType)
            return json(StorageJSON.object(written, host: request.header("Host")))
        }
    }

    /// `ifGenerationMatch` (0: the object must not exist) and `ifGenerationNotMatch`.
    private func checkPreconditions(_ bucket: String, _ name: String, _ request: EmulatorRequest) async throws {
        let match = request.query["ifGenerationMatch"]
        let notMatch = request.query["ifGenerationNotMatch"]
        guard match != nil || notMatch != nil else { return }
        let generation = try await objects.metadata(bucket: bucket, name: name).map { String($0.generation) } ?? "0"
        if let match, match != generation {
            throw StorageError.conditionNotMet(
                "ifGenerationMatch=\(match) does not hold (the object is at \(generation)).")
        }
        if let notMatch, notMatch == generation {
            throw StorageError.conditionNotMet("ifGenerationNotMatch=\(notMatch) does not hold.")
        }
    }

    /// Checks bytes against the checksums a client sent with them.
    static func verify(_ data: Data, crc32c: String?, md5: String?) throws {
        let bytes = [UInt8](data)
        if let crc32c, crc32c != CRC32C.base64(of: bytes) {
            throw StorageError.invalid("The uploaded bytes do not match their crc32c (\(crc32c)).")
        }
        if let md5, md5 != MD5.base64(of: bytes) {
            throw StorageError.invalid("The uploaded bytes do not match their md5Hash (\(md5)).")
        }
    }

    // MARK: Listing

    private func list(_ bucket: String, _ request: EmulatorRequest) async throws -> EmulatorResponse {
        try await requireBucket(bucket)
        let query = request.query
        let prefix = query["prefix"] ?? ""
        let delimiter = query["delimiter"] ?? ""
        let limit = min(max(Int(query["maxResults"] ?? "") ?? 1000, 1), 1000)
        let after = query["pageToken"].flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        if query["pageToken"].map({ !$0.isEmpty && after == nil }) ?? false {
            throw StorageError.invalid("Invalid pageToken.")
        }
        var entries: [(key: String, isPrefix: Bool)] = []
        for name in try objects.names(bucket: bucket, prefix: prefix) {
            if let start = query["startOffset"], name.utf8.lexicographicallyPrecedes(start.utf8) { continue }
            if let end = query["endOffset"], !name.utf8.lexicographicallyPrecedes(end.utf8) { continue }
            let rest = name.dropFirst(prefix.count)
            if !delimiter.isEmpty, let cut = rest.range(of: delimiter) {
                let folder = prefix + rest[..<cut.upperBound]
                if entries.last?.key != folder { entries.append((folder, true)) }
            } else {
                entries.append((name, false))
            }
        }
        if let after { entries.removeAll { !after.utf8.lexicographicallyPrecedes($0.key.utf8) } }
        let page = entries.prefix(limit)
        let stored = try await objects.store.objectMetadata(bucket: bucket, prefix: prefix)
        var items: [JSONValue] = []
        for entry in page where !entry.isPrefix {
            let metadata: StoredObjectMetadata?
            if let row = stored[entry.key],
                let file = try? objects.mapper.resolveForReading("gs://\(bucket)/\(entry.key)"),
                let info = StorageObjects.fileInfo(file.path), info.size == row.size, info.mtime == row.mtimeNanoseconds
            {
                metadata = row
            } else {
                metadata = try await objects.metadata(bucket: bucket, name: entry.key)
            }
            if let metadata { items.append(.object(StorageJSON.object(metadata, host: request.header("Host")))) }
        }
        var object: JSONObject = ["kind": .string("storage#objects")]
        if !items.isEmpty { object["items"] = .array(items) }
        let prefixes = page.filter(\.isPrefix).map { JSONValue.string($0.key) }
        if !prefixes.isEmpty { object["prefixes"] = .array(prefixes) }
        if entries.count > limit, let last = page.last {
            object["nextPageToken"] = .string(Data(last.key.utf8).base64EncodedString())
        }
        return json(object)
    }

    // MARK: Helpers

    private func json(_ object: JSONObject) -> EmulatorResponse {
        .json(object)
    }

    private func unknown(_ request: EmulatorRequest) -> StorageError {
        StorageError.notFound(
            "\(request.method) \(request.path) is not a Cloud Storage method the local backend serves.")
    }
}
