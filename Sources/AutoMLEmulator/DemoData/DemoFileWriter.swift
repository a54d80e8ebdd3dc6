import Foundation

/// Writes the demo files under a destination's folder, creating folders once each, and counts the bytes.
struct DemoFileWriter {
    let destination: DemoDataDestination
    private(set) var bytesWritten = 0
    private var createdFolders: Set<String> = []

    init(destination: DemoDataDestination) {
        self.destination = destination
    }

    /// Encodes a canvas as JPEG and writes it.
    mutating func writeJPEG(_ canvas: DemoCanvas, quality: Int, to relativePath: String) throws(DemoDataError) {
        let jpeg: [UInt8]
        do {
            jpeg = try ImageCodec.encodeJPEG(rgb: canvas.rgb, width: canvas.size, height: canvas.size, quality: quality)
        } catch {
            throw DemoDataError("cannot encode \(relativePath): \(error.message)")
        }
        try write(jpeg, to: relativePath)
    }

    /// Writes bytes to a file, replacing it, after creating its folder.
    mutating func write(_ bytes: [UInt8], to relativePath: String) throws(DemoDataError) {
        let url = destination.file(relativePath)
        let folder = url.deletingLastPathComponent().path
        do {
            if !createdFolders.contains(folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                createdFolders.insert(folder)
            }
            try Data(bytes).write(to: url)
        } catch {
            throw DemoDataError("cannot write \(url.path): \(error.localizedDescription)")
        }
        bytesWritten += bytes.count
    }
}
