import AutoMLTestSupport
import AutoMLWire
import Dispatch
import Foundation
import Synchronization

@testable import AutoMLEmulator

/// The local backend's request handling (the v1 router, the Vertex AI routes and the Cloud Storage routes) on any request: the first
/// line is `METHOD TARGET`, the rest the body. Every answer is a success or a 4xx with the error envelope, never a
/// 5xx (but the 501 of the IAM methods); nothing is written outside the backend's folders. One backend (an in-memory store, a clock that does not
/// move, so no operation runs) serves every input, so state built by earlier inputs is there for later ones (a saved
/// finding may need the inputs before it to show again). `:wait` is left out: it waits in real time.
enum RouterTarget {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "automl-fuzz-router-\(ProcessInfo.processInfo.processIdentifier)")

    static let emulator: Emulator = blocking {
        let configuration = EmulatorConfiguration(
            dataDirectory: folder.appendingPathComponent("data"), gcsRoot: folder.appendingPathComponent("gcs"))
        try? FileManager.default.createDirectory(at: configuration.gcsRoot, withIntermediateDirectories: true)
        do {
            return try await Emulator.start(
                configuration: configuration, store: try EmulatorStore.inMemory(), clock: ManualClock(),
                trainer: ClockBudgetTrainer())
        } catch {
            fatalError("the fuzzed backend does not start: \(error)")
        }
    }

    static func run(_ bytes: [UInt8]) {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let line = String(decoding: bytes[..<newline], as: UTF8.self)
        let body = Data(bytes[min(newline + 1, bytes.endIndex)...])
        let words = line.split(separator: " ", maxSplits: 1)
        // WaitOperation holds the request for up to its timeout in real time, and on a clock that does not move no
        // operation ends: it would only trip libFuzzer's timeout.
        guard words.count == 2, !line.contains(":wait") else { return }
        let request = EmulatorRequest(
            method: String(words[0]), target: String(words[1]),
            headers: [("Content-Type", "application/json"), ("Host", "127.0.0.1")], body: body, fromLoopback: true)
        let response = blocking { await emulator.handle(request) }
        let shown = String(decoding: response.body.prefix(300), as: UTF8.self)
        // 501 is the honest answer to the service's IAM methods, which the local backend does not implement.
        let unimplemented = response.status == 501 && shown.contains("\"UNIMPLEMENTED\"")
        require(response.status < 500 || unimplemented, "\(line) answered \(response.status): \(shown)")
        if response.status >= 400 {
            let envelope = try? JSONValue(parsing: response.body)
            let code = envelope?.objectValue?["error"]?.objectValue?["code"]
            require(
                code == .integer(Int64(response.status)), "\(line): a \(response.status) without the envelope: \(shown)"
            )
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        require(Set(entries).isSubset(of: ["data", "gcs"]), "\(line) wrote beside the backend's folders: \(entries)")
    }
}

/// Runs async work to its end from the fuzzer's synchronous callback.
func blocking<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) -> Result {
    let box = Mutex<Result?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result = await work()
        box.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    return box.withLock { $0! }
}
