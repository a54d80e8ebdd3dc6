import AutoMLTestSupport
import Foundation
import Testing

/// `automl emulator demo-data`, run as a user runs it.
@Suite struct DemoDataCommandTests {
    /// A gs:// destination goes under the emulator's --data-dir (its gcs folder), not the default one.
    @Test func gcsDestinationFollowsTheDataDirectory() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("automl-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let process = Process()
        process.executableURL = try builtAutomlBinary()
        process.arguments = [
            "emulator", "demo-data", "gs://demo-bucket", "--data-dir", data.path,
            "--images-per-class", "2", "--detection-images", "1", "--classes", "2",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.contains("import gs://demo-bucket/classification.csv"))
        let csv = data.appendingPathComponent("gcs/demo-bucket/classification.csv")
        #expect(FileManager.default.fileExists(atPath: csv.path), "\(text)")
        #expect(
            FileManager.default.fileExists(atPath: data.appendingPathComponent("gcs/demo-bucket/detection.csv").path))
    }
}
