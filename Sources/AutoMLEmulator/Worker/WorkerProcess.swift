import Foundation
import Synchronization

/// A running `automl-trainer` with its stdout read line by line on a thread of its own, its stderr in a
/// log file, and a stop that escalates from SIGTERM to SIGKILL.
final class WorkerProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Lines of stdout as they come; finishes at end of file.
    let lines: AsyncStream<String>
    private let linesContinuation: AsyncStream<String>.Continuation
    let logFile: URL
    /// How the process ended, once it has, and who waits for it.
    private let ending = ExitLatch()

    /// Starts the worker. Its environment gets OMP_WAIT_POLICY=PASSIVE: OpenMP threads that spin while
    /// waiting make training on a busy 2-core machine many times slower.
    init(executable: URL, arguments: [String], logFile: URL) throws {
        self.logFile = logFile
        (lines, linesContinuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        let ending = ending
        process.terminationHandler = { process in
            let exit: WorkerExit =
                process.terminationReason == .uncaughtSignal
                ? .signal(process.terminationStatus)
                : .status(process.terminationStatus)
            let waiters = ending.state.withLock { state in
                state.exit = exit
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: exit) }
        }
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_WAIT_POLICY"] = "PASSIVE"
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        let reader = output.fileHandleForReading
        let continuation = linesContinuation
        let thread = Thread {
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    continuation.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            continuation.finish()
        }
        thread.name = "automl-trainer stdout"
        thread.start()
    }

    var processIdentifier: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Sends one line to the worker's stdin.
    func send(_ line: Data) throws {
        var line = line
        line.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: line)
    }

    /// Asks the worker to stop (SIGTERM), then kills it if it is still running after `grace`.
    func stop(grace: Duration = .seconds(1)) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let pid = process.processIdentifier
        Task.detached { [process] in
            try? await Task.sleep(for: grace)
            if process.isRunning { kill(pid, SIGKILL) }
        }
    }

    /// Closes stdin (a serving worker then exits) and waits for the end.
    func finishInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Waits until the process has ended; its status, or the signal that ended it.
    /// Not cut short by cancellation: a cancelled operation still waits for its worker to be gone.
    func waitUntilExit() async -> WorkerExit {
        await withCheckedContinuation { continuation in
            let ended = ending.state.withLock { state -> WorkerExit? in
                if state.exit == nil { state.waiters.append(continuation) }
                return state.exit
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }

    /// The last lines the worker wrote to stderr, for an error message.
    func logTail(lines count: Int = 5) -> String {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}

/// The end of a process and the tasks waiting for it.
private final class ExitLatch: Sendable {
    let state = Mutex<(exit: WorkerExit?, waiters: [CheckedContinuation<WorkerExit, Never>])>((nil, []))
}

enum WorkerExit: Equatable, Sendable {
    case status(Int32)
    case signal(Int32)
}
