import Foundation
import Testing

@testable import AutoMLEmulator

@Suite("GCSPathMapper")
struct GCSPathMapperTests {
    @Test("maps gs://BUCKET/OBJECT to <root>/BUCKET/OBJECT")
    func mapsToRoot() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url)
        let url = try mapper.resolveForReading("gs://my-bucket/flowers/daisy 1.jpg")
        #expect(url.path == temp.path("my-bucket/flowers/daisy 1.jpg"))
        #expect(try mapper.resolveForReading("gs://a.b_c-9/x").path == temp.path("a.b_c-9/x"))
    }

    @Test(
        "refuses malformed and escaping gs:// URIs",
        arguments: [
            ("gs://bucket/../../etc/passwd", GCSPathError.Reason.dotSegment),
            ("gs://bucket/a/../../x", .dotSegment),
            ("gs://bucket/a/./x", .dotSegment),
            ("gs://bucket/..", .dotSegment),
            ("gs://bucket/a/%2e%2e/x", .encodedSeparator),
            ("gs://bucket/a/%2E%2E/x", .encodedSeparator),
            ("gs://bucket/a%2Fb", .encodedSeparator),
            ("gs://bucket/a%2f..%2fb", .encodedSeparator),
            ("gs://bucket/a%5Cb", .encodedSeparator),
            ("gs://bucket/a%00b", .encodedSeparator),
            ("gs://bucket//etc/passwd", .absoluteOrEmptySegment),
            ("gs://bucket/a//b", .absoluteOrEmptySegment),
            ("gs://bucket/a\u{0}b", .nulByte),
            ("gs://bucket/a\r\nb.csv", .controlCharacter),
            ("gs://bucket/a\nb", .controlCharacter),
            ("gs://bucket/a\tb", .controlCharacter),
            ("gs://bucket/a\u{7F}b", .controlCharacter),
            ("gs://bucket/a\\..\\b", .backslash),
            ("gs:///etc/passwd", .invalidBucket),
            ("gs://b/x", .invalidBucket),
            ("gs://Bucket/x", .invalidBucket),
            ("gs://-bucket/x", .invalidBucket),
            ("gs://bucket-/x", .invalidBucket),
            ("gs://buck%2et/x", .invalidBucket),
            ("gs://" + String(repeating: "a", count: 64) + "/x", .invalidBucket),
            ("gs://bucket", .missingObject),
            ("gs://bucket/", .missingObject),
            ("http://bucket/x", .unsupportedScheme),
            ("bucket/x.jpg", .unsupportedScheme),
            ("/etc/passwd", .localPathNotAllowed),
            ("file:///etc/passwd", .localPathNotAllowed),
        ]
    )
    func refusesBadURIs(uri: String, reason: GCSPathError.Reason) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url)
        let error = try #require(throws: GCSPathError.self) { try mapper.resolveForReading(uri) }
        #expect(error.reason == reason)
        #expect(error.uri == uri)
        #expect(error.message.contains("invalid path \""))
    }

    @Test("the brief's escape example with a one-letter bucket is refused too")
    func oneLetterBucketEscape() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url)
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("gs://b/../../etc/passwd") }
        #expect(throws: GCSPathError.self) { try mapper.resolveForWriting("gs://b/a/%2e%2e/x") }
    }

    /// Found in review: Cloud Storage refuses these bucket names, the local backend took them.
    @Test(arguments: [
        "gs://a..b/x", "gs://1.2.3.4/x", "gs://goog-data/x", "gs://my-google-data/x",
        "gs://" + String(repeating: "a", count: 64) + ".b/x",
    ])
    func refusesBucketNamesCloudStorageRefuses(uri: String) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let error = try #require(throws: GCSPathError.self) { try GCSPathMapper(root: temp.url).resolveForReading(uri) }
        #expect(error.reason == .invalidBucket)
    }

    @Test("bucket names of 3 and 63 characters are accepted, and with dots up to 222")
    func bucketLengthBounds() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url)
        _ = try mapper.resolveForReading("gs://abc/x")
        _ = try mapper.resolveForReading("gs://" + String(repeating: "a", count: 63) + "/x")
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("gs://ab/x") }
        let dotted = [String](repeating: String(repeating: "a", count: 63), count: 3).joined(separator: ".") + ".a12345"
        #expect(dotted.count == 198)
        _ = try mapper.resolveForReading("gs://\(dotted)/x")
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("gs://\(dotted).\(dotted)/x") }
    }

    @Test("URIs longer than 2,000 characters are refused, 2,000 are accepted")
    func uriLength() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url)
        let prefix = "gs://bucket/"
        // Segments of 99 characters keep each file name under the file system's NAME_MAX.
        let segments = String(repeating: String(repeating: "x", count: 99) + "/", count: 25)
        let exact = prefix + String(segments.prefix(2_000 - prefix.count))
        #expect(exact.count == 2_000)
        _ = try mapper.resolveForReading(exact)
        let error = try #require(throws: GCSPathError.self) { try mapper.resolveForReading(exact + "y") }
        #expect(error.reason == .tooLong)
    }

    @Test("a symlink inside the root pointing outside it is refused")
    func symlinkOutOfRoot() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let root = try temp.makeDirectory("root")
        let outside = try temp.makeDirectory("outside")
        try temp.write([1, 2, 3], to: "outside/secret.jpg")
        try temp.makeDirectory("root/bucket")
        try FileManager.default.createSymbolicLink(atPath: root + "/bucket/link", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: root + "/evil", withDestinationPath: outside)
        let mapper = GCSPathMapper(root: URL(fileURLWithPath: root))

        let uris = [
            "gs://bucket/link/secret.jpg", "gs://bucket/link", "gs://evil/secret.jpg", "gs://bucket/link/new/x",
        ]
        for uri in uris {
            let error = try #require(throws: GCSPathError.self) { try mapper.resolveForReading(uri) }
            #expect(error.reason == .escapesRoot, "\(uri)")
        }
        let error = try #require(throws: GCSPathError.self) { try mapper.resolveForWriting("gs://bucket/link/new/x") }
        #expect(error.reason == .escapesRoot)
        #expect(!FileManager.default.fileExists(atPath: outside + "/new"))
    }

    @Test("a symlink to /tmp from inside the root is refused")
    func symlinkToTmp() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let root = try temp.makeDirectory("root")
        try temp.makeDirectory("root/bucket")
        try FileManager.default.createSymbolicLink(atPath: root + "/bucket/tmp", withDestinationPath: "/tmp")
        let mapper = GCSPathMapper(root: URL(fileURLWithPath: root))
        let error = try #require(throws: GCSPathError.self) { try mapper.resolveForReading("gs://bucket/tmp/x.jpg") }
        #expect(error.reason == .escapesRoot)
    }

    @Test("a dangling symlink is refused, so nothing can be written through it")
    func danglingSymlink() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let root = try temp.makeDirectory("root")
        try temp.makeDirectory("root/bucket")
        let target = temp.path("outside-not-yet")
        try FileManager.default.createSymbolicLink(atPath: root + "/bucket/out.csv", withDestinationPath: target)
        let mapper = GCSPathMapper(root: URL(fileURLWithPath: root))
        let error = try #require(throws: GCSPathError.self) { try mapper.resolveForWriting("gs://bucket/out.csv") }
        #expect(error.reason == .unresolvable)
    }

    @Test("symlinks that stay inside the root, and a root reached through a symlink, are fine")
    func symlinksInsideRoot() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let root = try temp.makeDirectory("root")
        try temp.write([1], to: "root/bucket/real/a.jpg")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/bucket/alias", withDestinationPath: root + "/bucket/real"
        )
        try FileManager.default.createSymbolicLink(atPath: temp.path("rootlink"), withDestinationPath: root)

        let mapper = GCSPathMapper(root: URL(fileURLWithPath: root))
        #expect(try mapper.resolveForReading("gs://bucket/alias/a.jpg").path == root + "/bucket/alias/a.jpg")
        let viaLink = GCSPathMapper(root: URL(fileURLWithPath: temp.path("rootlink")))
        let viaLinkPath = try viaLink.resolveForReading("gs://bucket/real/a.jpg").path
        #expect(viaLinkPath == temp.path("rootlink/bucket/real/a.jpg"))
    }

    @Test("resolveForWriting creates the parent folders inside the root")
    func writingCreatesParents() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url.appendingPathComponent("root"))
        let url = try mapper.resolveForWriting("gs://out-bucket/export/run-1/data.csv")
        #expect(url.path == temp.path("root/out-bucket/export/run-1/data.csv"))
        var isDirectory: ObjCBool = false
        let parent = temp.path("root/out-bucket/export/run-1")
        #expect(FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try mapper.resolveForWriting("gs://out-bucket/").path == temp.path("root/out-bucket"))
    }

    @Test("local paths and file:// URLs are accepted only inside the allowed folders")
    func localPaths() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.path("local/my images"), withIntermediateDirectories: true)
        #expect(throws: GCSPathError.self, "none allowed by default") {
            try GCSPathMapper(root: temp.url).resolveForReading(temp.path("local/a.jpg"))
        }
        let mapper = GCSPathMapper(root: temp.url, localFolders: [URL(fileURLWithPath: temp.path("local"))])
        #expect(try mapper.resolveForReading(temp.path("local/a.jpg")).path == temp.path("local/a.jpg"))
        #expect(
            try mapper.resolveForReading("file://" + temp.path("local/my%20images/a.jpg")).path
                == temp.path("local/my images/a.jpg"))
        #expect(
            try mapper.resolveForReading("file://localhost" + temp.path("local/a.jpg")).path == temp.path("local/a.jpg")
        )
        for outside in [
            "/etc/passwd", "/proc/self/environ", temp.path("local/../root/x.csv"), temp.path("localx/a.jpg"),
        ] {
            #expect(throws: GCSPathError.self, "\(outside)") { try mapper.resolveForReading(outside) }
        }
        // A symlink inside the folder that points out of it is refused too.
        try FileManager.default.createSymbolicLink(atPath: temp.path("local/etc"), withDestinationPath: "/etc")
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading(temp.path("local/etc/passwd")) }
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("file://otherhost/data/a.jpg") }
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading(temp.url.path + "/local/a\u{0}.jpg") }
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("file:///data/a%00.jpg") }
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("relative/a.jpg") }
        let written = try mapper.resolveForWriting(temp.path("local/out/file.csv"))
        #expect(written.path == temp.path("local/out/file.csv"))
        #expect(FileManager.default.fileExists(atPath: temp.path("local/out")))
        // gs:// URIs stay confined even when local paths are allowed.
        #expect(throws: GCSPathError.self) { try mapper.resolveForReading("gs://bucket/../x") }
    }

    @Test("the reverse mapping turns files under the root into gs:// URIs")
    func reverseMapping() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let mapper = GCSPathMapper(root: temp.url)
        let file = try mapper.resolveForWriting("gs://out-bucket/export_data-x/image_classification_1.csv")
        try Data([1]).write(to: file)
        #expect(try mapper.gcsURI(forFileAt: file) == "gs://out-bucket/export_data-x/image_classification_1.csv")
        #expect(try mapper.gcsURI(forFileAt: temp.url.appendingPathComponent("out-bucket")) == "gs://out-bucket")
        let notYet = temp.url.appendingPathComponent("b2b/not/yet/there")
        #expect(try mapper.gcsURI(forFileAt: notYet) == "gs://b2b/not/yet/there")

        #expect(throws: GCSPathError.self) { try mapper.gcsURI(forFileAt: URL(fileURLWithPath: "/etc/passwd")) }
        #expect(throws: GCSPathError.self) { try mapper.gcsURI(forFileAt: temp.url) }
        let badBucket = temp.url.appendingPathComponent("Bad_Bucket/x")
        #expect(throws: GCSPathError.self) { try mapper.gcsURI(forFileAt: badBucket) }
    }

    @Test("GCSURI splits bucket and object and drops a trailing slash")
    func parsing() throws {
        let uri = try GCSURI(parsing: "gs://bucket/a/b/")
        #expect(uri.bucket == "bucket")
        #expect(uri.object == "a/b")
        #expect(uri.uri == "gs://bucket/a/b")
        #expect(try GCSURI(parsing: "gs://bucket", requiresObject: false).object.isEmpty)
        // Percent escapes that are not separators are kept literally.
        #expect(try GCSURI(parsing: "gs://bucket/a%20b%2Ex").object == "a%20b%2Ex")
    }
}
