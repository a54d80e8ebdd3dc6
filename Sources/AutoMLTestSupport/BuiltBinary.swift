package import Foundation

/// The `automl` executable the tests run: `$AUTOML_BIN`, or the one built next to the test bundle.
package func builtAutomlBinary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["AUTOML_BIN"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("automl")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isExecutableFile(atPath: candidate.path)
        {
            return candidate
        }
        directory.deleteLastPathComponent()
    }
    throw TransportTestError("no built automl binary found; run `swift build --build-tests` or set AUTOML_BIN")
}

/// `automl emulator` running as a child process, for tests that need a real process (kill -9, signals).
package final class EmulatorProcess: @unchecked Sendable {
    package let process: Process
    /// `http://127.0.0.1:PORT`, from the emulator's first line.
    package let baseURL: String
    private let errors: Pipe

    private init(process: Process, baseURL: String, errors: Pipe) {
        self.process = process
        self.baseURL = baseURL
        self.errors = errors
    }

    /// Starts `automl emulator ARGUMENTS` and waits (up to 20 s) for its `listening on` line.
    package static func start(_ arguments: [String]) throws -> EmulatorProcess {
        let process = Process()
        process.executableURL = try builtAutomlBinary()
        process.arguments = ["emulator"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = try readLine(from: output.fileHandleForReading, timeout: 20)
        let prefix = "automl emulator listening on "
        guard line.hasPrefix(prefix) else {
            process.terminate()
            throw TransportTestError("unexpected first line from automl emulator: \(line)")
        }
        return EmulatorProcess(process: process, baseURL: String(line.dropFirst(prefix.count)), errors: errors)
    }

    /// Sends a signal (SIGKILL for a crash, SIGTERM for a clean stop) and waits for the process to end.
    package func stop(signal: Int32) {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Reads one line from a pipe, failing after `timeout` seconds.
private func readLine(from handle: FileHandle, timeout: TimeInterval) throws -> String {
    var buffer = Data()
    let deadline = Date().addingTimeInterval(timeout)
    let descriptor = handle.fileDescriptor
    while Date() < deadline {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 100) > 0 else { continue }
        var byte: UInt8 = 0
        guard read(descriptor, &byte, 1) == 1 else { break }
        if byte == UInt8(ascii: "\n") { return String(decoding: buffer, as: UTF8.self) }
        buffer.append(byte)
    }
    throw TransportTestError(
        "no line from the process within \(Int(timeout)) s (got \"\(String(decoding: buffer, as: UTF8.self))\")")
}
