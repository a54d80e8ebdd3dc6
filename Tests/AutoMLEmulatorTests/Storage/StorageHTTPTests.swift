import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLEmulator

/// The local backend's Cloud Storage routes over HTTP: names and escapes, resumable sessions, ranges, limits, and
/// files put in the gs:// folder by other means.
@Suite struct StorageHTTPTests {
    @Test func namesThatWouldLeaveTheRootOrBreakTheRulesAreRefused() async throws {
        try await withServedEmulator { served in
            let made = try await served.createBucket()
            #expect(made.status == 200, "\(made.text)")
            for name in [
                "../x", "a/../../x", "%2e%2e/x", "a\\b", "a//b", "dir/", ".", "..", "a\nb",
                ".well-known/acme-challenge/x", String(repeating: "n", count: 1025),
            ] {
                let refused = try await served.uploadObject(name, "x")
                #expect(refused.status == 400, "\(name.debugDescription): \(refused.text)")
                #expect(first(refused.json?["error"]?["errors"])?["reason"]?.stringValue == "invalid")
            }
            for bucket in ["Bad", "goog-x", "my-google-bucket", "192.168.0.1", "ab", "-ab"] {
                let refused = try await served.raw(
                    "POST", "/storage/v1/b?project=p",
                    body: .text(#"{"name":"\#(bucket)"}"#))
                #expect(refused.status == 400, "bucket \(bucket)")
            }
            // A symlink inside the bucket's folder that points out of the root is not followed.
            let outside = served.directory.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try "secret".write(to: outside.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                at: served.gcsRoot.appendingPathComponent("bkt/link"), withDestinationURL: outside)
            let read = try await served.raw("GET", "/download/storage/v1/b/bkt/o/link%2Fs.txt?alt=media")
            #expect(read.status == 400)
            #expect(!read.text.contains("secret"))
            #expect(try await served.uploadObject("link/new.txt", "x").status == 400)
        }
    }

    @Test func aResumableSessionTakesChunksAgainAndRefusesGaps() async throws {
        try await withServedEmulator { served in
            let made = try await served.createBucket()
            #expect(made.status == 200, "\(made.text)")
            let start = try await served.raw(
                "POST", "/upload/storage/v1/b/bkt/o?uploadType=resumable", body: .text(#"{"name":"big.bin"}"#),
                headers: [("X-Upload-Content-Type", "application/octet-stream"), ("Host", "127.0.0.1:1234")])
            #expect(start.status == 200)
            let location = try #require(start.headers.first { $0.name.lowercased() == "location" }?.value)
            #expect(
                location.hasPrefix("http://127.0.0.1:1234/upload/storage/v1/b/bkt/o?uploadType=resumable&upload_id="))
            let session = String(location.dropFirst("http://127.0.0.1:1234".count))
            let bytes = Data((0..<300).map { UInt8($0 % 256) })
            func put(_ range: String, _ body: Data) async throws -> RawResponse {
                try await served.raw("PUT", session, body: .bytes(body), headers: [("Content-Range", range)])
            }
            let first = try await put("bytes 0-99/*", bytes[0..<100])
            #expect(first.status == 308)
            #expect(first.headers.first { $0.name == "Range" }?.value == "bytes=0-99")
            #expect(!first.headers.contains { $0.name.lowercased() == "location" }, "a 308 never carries a Location")
            #expect(try await put("bytes 50-149/*", bytes[50..<150]).status == 308, "a chunk sent again is fine")
            #expect(try await put("bytes 200-249/*", bytes[200..<250]).status == 400, "a gap is not")
            let query = try await served.raw("PUT", session, body: .none, headers: [("Content-Range", "bytes */*")])
            #expect(query.headers.first { $0.name == "Range" }?.value == "bytes=0-149")
            let wrongHash = try await served.raw(
                "PUT", session, body: .bytes(bytes[150..<300]),
                headers: [
                    ("Content-Range", "bytes 150-299/300"),
                    ("X-Goog-Hash", "crc32c=AAAAAA=="),
                ])
            #expect(wrongHash.status == 400, "the final checksum is checked")
        }
        try await withServedEmulator { served in
            let made = try await served.createBucket()
            #expect(made.status == 200, "\(made.text)")
            let start = try await served.raw(
                "POST", "/upload/storage/v1/b/bkt/o?uploadType=resumable", body: .text(#"{"name":"ok.bin"}"#))
            let location = try #require(start.headers.first { $0.name.lowercased() == "location" }?.value)
            let path = String(location[location.range(of: "/upload/")!.lowerBound...])
            let bytes = Data((0..<300).map { UInt8($0 % 256) })
            _ = try await served.raw(
                "PUT", path, body: .bytes(bytes[0..<150]), headers: [("Content-Range", "bytes 0-149/300")])
            let done = try await served.raw(
                "PUT", path, body: .bytes(bytes[150..<300]),
                headers: [
                    ("Content-Range", "bytes 150-299/300"),
                    ("X-Goog-Hash", "crc32c=\(CRC32C.base64(of: [UInt8](bytes)))"),
                ])
            #expect(done.status == 200, "\(done.text)")
            #expect(done.json?["size"]?.stringValue == "300")
            let whole = try await served.raw("GET", "/download/storage/v1/b/bkt/o/ok.bin?alt=media")
            #expect(whole.body == bytes)
        }
    }

    @Test func rangesAndEmptyObjects() async throws {
        try await withServedEmulator { served in
            let made = try await served.createBucket()
            #expect(made.status == 200, "\(made.text)")
            _ = try await served.uploadObject("ten.txt", "0123456789")
            _ = try await served.uploadObject("empty.txt", "")
            func get(_ name: String, _ range: String) async throws -> RawResponse {
                try await served.raw(
                    "GET", "/download/storage/v1/b/bkt/o/\(name)?alt=media", headers: [("Range", range)])
            }
            #expect(try await get("ten.txt", "bytes=2-4").text == "234")
            #expect(try await get("ten.txt", "bytes=7-").text == "789")
            #expect(try await get("ten.txt", "bytes=-3").text == "789")
            #expect(try await get("ten.txt", "bytes=5-100").text == "56789")
            let beyond = try await get("ten.txt", "bytes=10-")
            #expect(beyond.status == 416)
            #expect(beyond.headers.first { $0.name == "Content-Range" }?.value == "bytes */10")
            let empty = try await get("empty.txt", "bytes=0-")
            #expect(empty.status == 416)
            #expect(empty.headers.first { $0.name == "Content-Range" }?.value == "bytes */0")
            #expect(try await served.raw("GET", "/download/storage/v1/b/bkt/o/empty.txt?alt=media").status == 200)
        }
    }

    @Test func anUploadLargerThanTheLimitIsRefused() async throws {
        try await withServedEmulator(configure: { $0.maxUploadBodyBytes = 1024 }) { served in
            let made = try await served.createBucket()
            #expect(made.status == 200, "\(made.text)")
            let refused = try await served.uploadObject("big.bin", String(repeating: "x", count: 4096))
            #expect(refused.status == 400)
            #expect(try await served.uploadObject("small.bin", String(repeating: "x", count: 512)).status == 200)
        }
    }

    @Test func filesPutInTheFolderByHandAreObjects() async throws {
        try await withServedEmulator { served in
            let made = try await served.createBucket()
            #expect(made.status == 200, "\(made.text)")
            let file = served.gcsRoot.appendingPathComponent("bkt/by/hand.csv")
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "hello world".write(to: file, atomically: true, encoding: .utf8)
            let listed = try await served.raw("GET", "/storage/v1/b/bkt/o?prefix=by/")
            #expect(first(listed.json?["items"])?["name"]?.stringValue == "by/hand.csv")
            #expect(first(listed.json?["items"])?["md5Hash"]?.stringValue == "XrY7u+Ae7tCTyyK7j1rNww==")
            #expect(first(listed.json?["items"])?["contentType"]?.stringValue == "text/csv")
            let before = try #require(first(listed.json?["items"])?["generation"]?.stringValue)
            try await Task.sleep(for: .milliseconds(20))
            try "changed".write(to: file, atomically: true, encoding: .utf8)
            let after = try await served.raw("GET", "/storage/v1/b/bkt/o/by%2Fhand.csv")
            #expect(after.json?["size"]?.stringValue == "7")
            #expect(
                after.json?["generation"]?.stringValue != before, "a file changed behind the server is a new generation"
            )
            #expect(!FileManager.default.fileExists(atPath: served.gcsRoot.appendingPathComponent("bkt/.automl").path))
        }
    }
}

/// The first element of a JSON array.
private func first(_ value: JSONValue?) -> JSONValue? {
    if case .array(let items)? = value { return items.first }
    return nil
}

/// The client layer's storage client against the local backend's routes.
@Suite struct StorageClientRoundTripTests {
    @Test func uploadListDownloadDelete() async throws {
        try await withServedEmulator { served in
            _ = try await served.raw("POST", "/storage/v1/b?project=p", body: .text(#"{"name":"round-trip"}"#))
            var client = StorageClient(configuration: .init(endpoint: served.baseURL, retry: .disabled))
            client.multipartLimit = 64 << 10
            client.chunkSize = 256 << 10
            #expect(try await client.bucketExists("round-trip"))
            #expect(try await !client.bucketExists("absent-bucket"))
            let small = Data("hello world".utf8)
            let large = Data((0..<(600 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let one = try await client.upload(
                small, to: StorageLocation(bucket: "round-trip", name: "dir/small.txt"),
                contentType: "text/plain")
            #expect(one.md5Hash == "XrY7u+Ae7tCTyyK7j1rNww==")
            let two = try await client.upload(
                large, to: StorageLocation(bucket: "round-trip", name: "dir/large.bin"),
                contentType: "application/octet-stream")
            #expect(two.size == Int64(large.count))
            #expect(
                try await client.list(bucket: "round-trip", prefix: "dir/").map(\.name)
                    == ["dir/large.bin", "dir/small.txt"])
            #expect(try await client.download(StorageLocation(bucket: "round-trip", name: "dir/large.bin")) == large)
            #expect(
                try await client.download(StorageLocation(bucket: "round-trip", name: "dir/small.txt"), range: 6..<11)
                    == Data("world".utf8))
            #expect(try await client.delete(StorageLocation(bucket: "round-trip", name: "dir/small.txt")))
            #expect(try await !client.delete(StorageLocation(bucket: "round-trip", name: "dir/small.txt")))
            #expect(try await client.object(StorageLocation(bucket: "round-trip", name: "dir/small.txt")) == nil)
        }
    }
}
