import AutoMLClient
import AutoMLEmulator
import Foundation
import Testing

/// What Tests/Reliability/hostile.py found on the storage routes, each kept from coming back: numbers that overflow,
/// a cancelled session without an envelope, a parser a crafted boundary made quadratic, folders that link to
/// themselves, and answers that showed the server's own folders.
@Suite struct StorageHostileHTTPTests {
    private func session(_ served: ServedEmulator) async throws -> String {
        let start = try await served.raw(
            "POST", "/upload/storage/v1/b/bkt/o?uploadType=resumable", body: .text(#"{"name":"x.bin"}"#),
            headers: [("Host", "127.0.0.1:1234")])
        let location = try #require(start.headers.first { $0.name.lowercased() == "location" }?.value)
        return String(location.dropFirst("http://127.0.0.1:1234".count))
    }

    @Test func rangesAndLengthsThatOverflowAreRefused() async throws {
        try await withServedEmulator { served in
            #expect(try await served.createBucket().status == 200)
            let target = try await session(served)
            for range in [
                "bytes 0-9223372036854775807/*", "bytes 9223372036854775806-9223372036854775807/*",
                "bytes 0-9/9223372036854775807", "bytes 0-9/-5", "bytes 0-9/5",
            ] {
                let answer = try await served.raw(
                    "PUT", target, body: .bytes(Data("0123456789".utf8)), headers: [("Content-Range", range)])
                #expect(answer.status == 400, "\(range): \(answer.text)")
            }
            let length = try await served.raw(
                "POST", "/upload/storage/v1/b/bkt/o?uploadType=resumable", body: .text(#"{"name":"y.bin"}"#),
                headers: [("X-Upload-Content-Length", "-1")])
            #expect(length.status == 400)
            #expect(try await served.raw("GET", "/storage/v1/b/bkt").status == 200, "the server goes on")
        }
    }

    @Test func cancellingASessionThatIsNotThereIs404() async throws {
        try await withServedEmulator { served in
            #expect(try await served.createBucket().status == 200)
            let target = try await session(served)
            let cancelled = try await served.raw("DELETE", target)
            #expect(cancelled.status == 499)
            #expect(cancelled.json?["error"]?["code"] == .integer(499))
            for id in [String(target.split(separator: "=").last ?? ""), "%00", "..%2Fx", "nothing"] {
                let missing = try await served.raw(
                    "DELETE", "/upload/storage/v1/b/bkt/o?uploadType=resumable&upload_id=\(id)")
                #expect(missing.status == 404, "\(id): \(missing.text)")
                #expect(missing.json?["error"]?["message"] != nil)
            }
        }
    }

    @Test func aLongOrCraftedBoundaryCostsNoMoreThanTheBody() async throws {
        try await withServedEmulator { served in
            #expect(try await served.createBucket().status == 200)
            let long = try await served.raw(
                "POST", "/upload/storage/v1/b/bkt/o?uploadType=multipart", body: .text("--"),
                headers: [("Content-Type", "multipart/related; boundary=" + String(repeating: "-", count: 999) + "x")])
            #expect(long.status == 400)
            #expect(long.text.contains("longer than 70 characters"))
            // The worst case for a naive search: a body of dashes and a boundary of dashes ending otherwise. It is
            // answered in one pass (the test has no timing: a quadratic search of 4 MB took minutes).
            let crafted = try await served.raw(
                "POST", "/upload/storage/v1/b/bkt/o?uploadType=multipart",
                body: .bytes(Data(repeating: UInt8(ascii: "-"), count: 4 << 20)),
                headers: [("Content-Type", "multipart/related; boundary=" + String(repeating: "-", count: 67) + "x")])
            #expect(crafted.status == 400)
        }
    }

    @Test func foldersThatLinkToThemselvesOrOutsideAreNotWalked() async throws {
        try await withServedEmulator { served in
            #expect(try await served.createBucket().status == 200)
            let bucket = served.gcsRoot.appendingPathComponent("bkt")
            try Data("x".utf8).write(to: bucket.appendingPathComponent("file.txt"))
            try FileManager.default.createSymbolicLink(
                at: bucket.appendingPathComponent("a"), withDestinationURL: bucket)
            try FileManager.default.createSymbolicLink(
                at: bucket.appendingPathComponent("b"), withDestinationURL: bucket)
            let outside = served.directory.appendingPathComponent("outside-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
            try FileManager.default.createSymbolicLink(
                at: bucket.appendingPathComponent("link-out"), withDestinationURL: outside)

            let listing = try await served.raw("GET", "/storage/v1/b/bkt/o")
            #expect(listing.status == 200)
            #expect(listing.text.contains("file.txt"))
            #expect(!listing.text.contains("secret.txt"))
            for target in ["/storage/v1/b/bkt/o?prefix=link-out/", "/storage/v1/b/bkt/o/link-out%2Fsecret.txt"] {
                let refused = try await served.raw("GET", target)
                #expect(refused.status == 400, "\(target): \(refused.text)")
                #expect(!refused.text.contains(outside.path) && !refused.text.contains(served.directory.path))
                #expect(!refused.text.contains("secret\""))
            }
        }
    }
}
