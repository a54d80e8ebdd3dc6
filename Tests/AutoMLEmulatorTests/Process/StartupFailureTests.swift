import AutoMLTestSupport
import Foundation
import Testing

/// A server that cannot start because of the machine's state says why in one line and exits 1, without the usage
/// text that a bad option gets (status 64).
@Suite struct StartupFailureTests {
    private func runEmulator(_ arguments: [String]) throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = try builtAutomlBinary()
        process.arguments = ["emulator"] + arguments
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("automl-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test func aFolderInUseAndAPortInUseAreNotUsageErrors() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("automl-start-\(UUID().uuidString)")
        let first = try EmulatorProcess.start(["--data-dir", data.path])
        defer { first.stop(signal: SIGTERM) }

        let sameFolder = try runEmulator(["--data-dir", data.path])
        #expect(sameFolder.status == 1)
        #expect(sameFolder.err.contains("is in use by another automl process"))
        #expect(!sameFolder.err.contains("USAGE"), "no usage text for a folder in use")

        let port = try #require(first.baseURL.split(separator: ":").last.map(String.init))
        let samePort = try runEmulator(["--data-dir", data.path + "-other", "--port", port])
        #expect(samePort.status == 1)
        #expect(samePort.err.contains("cannot listen on 127.0.0.1:\(port): the address is in use"))
        #expect(!samePort.err.contains("USAGE"))

        let badOption = try runEmulator(["--data-dir", data.path + "-third", "--faults", "unavailable=2"])
        #expect(badOption.status == 64, "a bad option is still a usage error")
    }
}
