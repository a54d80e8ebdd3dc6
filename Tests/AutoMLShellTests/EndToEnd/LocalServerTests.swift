import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization
import Testing

/// The local server that `automl` starts for its data folder, driven through the built binary as people use it:
/// several commands at once, trainings that outlive every shell, crashes, stale files, the token, the idle stop.
@Suite(.serialized) struct LocalServerTests {
    private func address(_ harness: BinaryHarness) throws -> LocalServerAddress {
        try #require(LocalServerAddress.read(in: harness.dataDirectory), "the server wrote its address")
    }

    @Test func tenCommandsStartedTogetherStartOneServer() throws {
        let harness = try BinaryHarness()
        let results = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: 10) { _ in
            let status = (try? harness.run(["datasets", "--format", "value(name)"]).status) ?? -1
            results.withLock { $0.append(status) }
        }
        #expect(results.withLock { $0 } == Array(repeating: 0, count: 10))
        let log = try String(contentsOf: harness.dataDirectory.appendingPathComponent("server.log"), encoding: .utf8)
        #expect(log.components(separatedBy: "automl emulator listening on").count == 2, "one start: \(log)")
    }

    @Test func theAddressFileIsPrivateAndEveryRequestNeedsTheToken() async throws {
        let harness = try BinaryHarness()
        #expect(try harness.run(["datasets"]).status == 0)
        let address = try address(harness)
        let file = LocalServerAddress.path(in: harness.dataDirectory).path
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: harness.dataDirectory.path)
        #expect(folder[.posixPermissions] as? Int == 0o700)
        let transport = AsyncHTTPClientTransport()
        let path = address.url + "/v1/projects/local/locations/us-central1/datasets"
        let anonymous = try await transport.send(HTTPRequest(method: "GET", url: path), timeout: .seconds(5))
        #expect(anonymous.status == 401)
        let wrong = try await transport.send(
            HTTPRequest(method: "GET", url: path, headers: [("Authorization", "Bearer x")]),
            timeout: .seconds(5))
        #expect(wrong.status == 401)
        let right = try await transport.send(
            HTTPRequest(method: "GET", url: path, headers: [("Authorization", "Bearer \(address.token)")]),
            timeout: .seconds(5))
        #expect(right.status == 200)
        let token = try harness.run(["emulator", "token"])
        #expect(token.out == address.token + "\n")
        let status = try harness.run(["emulator", "status"])
        #expect(status.status == 0)
        #expect(status.out.contains("running (pid \(address.pid)) at \(address.url)"))
        #expect(!status.out.contains(address.token), "status says how to pass the token, not the token")
    }

    @Test func aTrainingFinishesWithNoShellOpen() throws {
        let harness = try BinaryHarness(nodeHourSeconds: 0.05)
        let csv = try TestImages.classificationDataset(in: harness.gcsRoot, labels: ["daisy", "tulip"], perLabel: 12)
        #expect(try harness.run(["-c", "dataset create flowers; dataset import \(csv); watch"]).status == 0)
        let started = try harness.run([
            "train", "--dataset", "flowers", "--budget", "8", "--force", "--format",
            "value(name)",
        ])
        #expect(started.status == 0, "\(started.err)")
        let operation = started.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let id = operation.split(separator: "/").last.map(String.init) ?? operation
        #expect(started.err.contains("(`automl watch \(id)` follows it)"), "a one-shot run saves no operation to watch")
        // No automl process runs now: the training goes on in the server.
        let finished = try poll(timeout: 120) {
            let state = try harness.run(["operation", "get", operation, "--format", "value(done,response.name)"])
            return state.out.hasPrefix("true\t") ? state.out : nil
        }
        #expect(finished.contains("/models/"))
    }

    @Test func aServerKilledMidTrainingIsRestartedAndTheTrainingFinishes() throws {
        let harness = try BinaryHarness(nodeHourSeconds: 0.25)
        let csv = try TestImages.classificationDataset(in: harness.gcsRoot, labels: ["daisy", "tulip"], perLabel: 12)
        #expect(try harness.run(["-c", "dataset create flowers; dataset import \(csv); watch"]).status == 0)
        let started = try harness.run([
            "train", "--dataset", "flowers", "--budget", "8", "--no-early-stop", "--force",
            "--format", "value(name)",
        ])
        let operation = started.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let killed = try address(harness)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(kill(killed.pid, SIGKILL) == 0)
        let watched = try harness.run(["watch", operation, "--format", "value(name)"])
        #expect(watched.status == 0, "\(watched.err)")
        #expect(watched.err.contains("note: the local server (pid \(killed.pid)) had stopped without cleaning up"))
        #expect(watched.out.contains("/models/"), "the training finished after the restart")
        #expect(try address(harness).pid != killed.pid)
        let again = try harness.run(["operation", "get", operation])
        #expect(!again.err.contains("note:"), "the restart is told once")
    }

    @Test func aStaleAddressFileAndAPortTakenBySomethingElse() async throws {
        let harness = try BinaryHarness()
        // Something else listens where the file says the server was, and the file's process is long gone.
        let other = try await LoopbackHTTPServer.start { _ in .text(404, "not automl") }
        defer { Task { await other.shutdown() } }
        try FileManager.default.createDirectory(at: harness.dataDirectory, withIntermediateDirectories: true)
        let stale = LocalServerAddress(
            url: other.baseURL, token: "old", pid: 999_999, version: "0.0.1",
            startedAt: "2026-01-01T00:00:00Z")
        try stale.write(in: harness.dataDirectory)
        let first = try harness.run(["datasets", "--format", "value(name)"])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.err.contains("had stopped without cleaning up"))
        #expect(try address(harness).url != other.baseURL)
        #expect(try harness.run(["datasets"]).err.isEmpty)
    }

    @Test func twoShellsAndAOneShotCommandShareTheServer() throws {
        guard tmuxAvailable else { return }
        let harness = try BinaryHarness()
        let binary = try builtAutomlBinary().path
        let first = try TmuxSession(command: binary, environment: harness.environment)
        let second = try TmuxSession(command: binary, environment: harness.environment)
        try first.waitFor("automl local")
        try second.waitFor("automl local")
        try first.typeLine("dataset create from_first")
        try second.typeLine("dataset create from_second")
        #expect(try harness.run(["dataset", "create", "from_oneshot"]).status == 0)
        try first.waitFor("\"displayName\": \"from_first\"")
        try second.waitFor("\"displayName\": \"from_second\"")
        try first.typeLine("datasets --format value(displayName)")
        try first.waitUntil { screen in ["from_first", "from_second", "from_oneshot"].allSatisfy(screen.contains) }
        #expect(try harness.run(["emulator", "status"]).out.contains("running"))
        try first.typeLine("exit")
        try second.typeLine("exit")
    }

    @Test func theServerStopsWhenIdleAndStopsCleanlyWhenAsked() throws {
        let harness = try BinaryHarness(idleStop: "1s")
        #expect(try harness.run(["datasets"]).status == 0)
        let idle = try address(harness)
        _ = try poll(timeout: 20) { LocalServerAddress.read(in: harness.dataDirectory) == nil ? true : nil }
        let log = try String(contentsOf: harness.dataDirectory.appendingPathComponent("server.log"), encoding: .utf8)
        #expect(log.contains("stopping: idle for 1s"))
        #expect(try harness.run(["emulator", "status"]).status == 3)
        // The address file goes first; the process exits a moment later (longer on a busy machine).
        let gone = try? poll(timeout: 20) { kill(idle.pid, 0) != 0 || !isRunningServer(idle.pid) ? true : nil }
        #expect(gone == true, "the idle server's process ended")

        let stopped = try BinaryHarness()
        #expect(try stopped.run(["datasets"]).status == 0)
        let running = try address(stopped)
        let stop = try stopped.run(["emulator", "stop"])
        #expect(stop.out == "stopped the local server (pid \(running.pid))\n")
        #expect(LocalServerAddress.read(in: stopped.dataDirectory) == nil, "a clean stop removes the address file")
        #expect(try stopped.run(["emulator", "stop"]).out == "the local server is not running\n")
    }
}

/// Whether `pid` is a live (not zombie) process.
private func isRunningServer(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
    return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
}

/// Polls `check` until it gives a value (or throws when `timeout` seconds pass).
private func poll<T>(timeout: TimeInterval, _ check: () throws -> T?) throws -> T {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let value = try check() { return value }
        Thread.sleep(forTimeInterval: 0.1)
    }
    throw TransportTestError("gave up after \(timeout) s")
}
