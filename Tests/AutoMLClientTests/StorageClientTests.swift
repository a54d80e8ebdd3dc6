import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization
import Testing

/// The storage client against loopback servers: a scripted one for retries and a resumed upload, and the local
/// backend's own routes for the round trip.
@Suite struct StorageClientTests {
    @Test func aResumableUploadGoesOnAfterADroppedConnection() async throws {
        let received = Mutex<[UInt8]>([])
        let dropped = Mutex(false)
        try await withLoopbackServer(handler: { request in
            if request.method == "POST" {
                return .reply(
                    status: 200,
                    headers: [
                        (
                            "Location",
                            "http://\(request.header("Host") ?? "")/session/1?uploadType=resumable&upload_id=SeSsIoN-SeCrEt"
                        )
                    ],
                    body: Data())
            }
            let range = request.header("Content-Range") ?? ""
            if range == "bytes */*" {
                let count = received.withLock { $0.count }
                return .reply(status: 308, headers: count > 0 ? [("Range", "bytes=0-\(count - 1)")] : [], body: Data())
            }
            // The second chunk is stored, then its connection is dropped before the answer.
            let first = Int(range.dropFirst(6).split(separator: "-")[0]) ?? 0
            received.withLock { bytes in
                if first == bytes.count { bytes += request.body }
            }
            let dropNow =
                first > 0
                && dropped.withLock { wasDropped -> Bool in
                    defer { wasDropped = true }
                    return !wasDropped
                }
            if dropNow { return .dropConnection }
            let count = received.withLock { $0.count }
            if range.hasSuffix("/\(count)") {
                let crc = CRC32C.base64(of: received.withLock { $0 })
                return .json(#"{"bucket":"b","name":"big","size":"\#(count)","generation":"7","crc32c":"\#(crc)"}"#)
            }
            return .reply(status: 308, headers: [("Range", "bytes=0-\(count - 1)")], body: Data())
        }) { server in
            let logged = Mutex<[String]>([])
            let hook = HTTPLogHook(includeBodies: false) { entry in logged.withLock { $0.append(entry.url) } }
            var client = StorageClient(configuration: .init(endpoint: server.baseURL, retry: .disabled, log: hook))
            client.multipartLimit = 1024
            client.chunkSize = 256 << 10
            let data = Data((0..<(700 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let stored = try await client.upload(
                data, to: StorageLocation(bucket: "b", name: "big"),
                contentType: "application/octet-stream")
            #expect(stored.size == Int64(data.count))
            #expect(received.withLock { Data($0) } == data, "every byte arrived once, in order")
            #expect(server.requests.contains { $0.header("Content-Range") == "bytes */*" }, "it asked how far it was")
            let urls = logged.withLock { $0 }
            #expect(urls.contains { $0.contains("/session/1") })
            #expect(!urls.contains { $0.contains("SeSsIoN-SeCrEt") }, "the session URL is a credential: \(urls)")
        }
    }

    @Test func readsAreRetriedAndErrorsAreTyped() async throws {
        let calls = Mutex(0)
        try await withLoopbackServer(handler: { request in
            if request.path.hasSuffix("/missing") {
                return .json(#"{"error":{"code":404,"message":"No such object: b/missing"}}"#, status: 404)
            }
            let attempt = calls.withLock { count -> Int in
                count += 1
                return count
            }
            if attempt == 1 { return .json(#"{"error":{"code":503,"message":"busy"}}"#, status: 503) }
            return .json(#"{"bucket":"b","name":"a b/c","size":"3","generation":"2","md5Hash":"x"}"#)
        }) { server in
            let sleeper = SleepRecorder()
            let client = StorageClient(sharing: makeClient(server, sleeper: sleeper))
            let object = try await client.object(StorageLocation(bucket: "b", name: "a b/c"))
            #expect(object?.size == 3)
            #expect(sleeper.waits.count == 1, "the 503 was retried")
            #expect(server.requests.last?.uri == "/storage/v1/b/b/o/a%20b%2Fc")
            #expect(try await client.object(StorageLocation(bucket: "b", name: "missing")) == nil)
        }
    }

    @Test func listingsFollowPages() async throws {
        try await withLoopbackServer(handler: { request in
            switch request.query["pageToken"] ?? "" {
            case "": .json(#"{"items":[{"bucket":"b","name":"p/1"}],"prefixes":["p/d/"],"nextPageToken":"t2"}"#)
            case "t2": .json(#"{"items":[{"bucket":"b","name":"p/2"}]}"#)
            default: .json("{}", status: 400)
            }
        }) { server in
            let client = StorageClient(sharing: makeClient(server))
            #expect(try await client.list(bucket: "b", prefix: "p/").map(\.name) == ["p/1", "p/2"])
            let first = try await client.listPage(bucket: "b", prefix: "p/", delimiter: "/")
            #expect(first.prefixes == ["p/d/"])
            #expect(server.requests.first?.query["prefix"] == "p/")
        }
    }
}
