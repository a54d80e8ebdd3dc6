package import Foundation

/// Where ``DemoDataGenerator`` writes its files, and how its CSVs name the images.
///
/// The emulator's import reads `gs://BUCKET/PATH` from `<gcs-root>/BUCKET/PATH`, and absolute local paths only when
/// it runs with local paths allowed. A destination made by ``bucketFolder(_:gcsRoot:)`` writes under the GCS root and
/// names images (and the CSVs) by `gs://` URI, which every emulator configuration accepts; one made by
/// ``localFolder(_:)`` writes anywhere and names images by absolute path.
package struct DemoDataDestination: Sendable, Hashable {
    /// The folder the images and CSVs are written to.
    package let directory: URL
    /// The `gs://` URI of ``directory`` (no trailing slash), or nil when images are named by absolute local path.
    package let uriPrefix: String?

    /// A folder inside a bucket of the emulator's GCS root: `gs://automl-demo` or `gs://automl-demo/shapes`.
    ///
    /// - Throws: ``DemoDataError`` when the URI is not a valid `gs://` URI or resolves outside `gcsRoot`.
    package static func bucketFolder(_ uri: String, gcsRoot: URL) throws(DemoDataError) -> DemoDataDestination {
        do {
            let parsed = try GCSURI(parsing: uri, requiresObject: false)
            let directory = try GCSPathMapper(root: gcsRoot).resolveForWriting(parsed.uri)
            return DemoDataDestination(directory: directory, uriPrefix: parsed.uri)
        } catch let error as GCSPathError {
            throw DemoDataError(error.message)
        } catch {
            throw DemoDataError("cannot use \(uri) as the demo data folder: \(error)")
        }
    }

    /// Any folder; the CSVs name images by absolute path (importable only when the emulator allows local paths).
    package static func localFolder(_ directory: URL) -> DemoDataDestination {
        DemoDataDestination(directory: directory.standardizedFileURL, uriPrefix: nil)
    }

    private init(directory: URL, uriPrefix: String?) {
        self.directory = directory
        self.uriPrefix = uriPrefix
    }

    /// The file at `relativePath` (slash-separated) under ``directory``.
    func file(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// How a CSV names the file at `relativePath`: its `gs://` URI, or its absolute path.
    package func reference(to relativePath: String) -> String {
        if let uriPrefix { return "\(uriPrefix)/\(relativePath)" }
        return file(relativePath).path
    }
}
