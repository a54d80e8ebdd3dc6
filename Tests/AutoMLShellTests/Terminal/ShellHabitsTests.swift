import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Habits of the shells people know, typed into tmux: the rc file (and `--no-rc`), `~/.editrc`, Ctrl-R, `clear`,
/// Ctrl-L, and a delete that asks first.
@Suite(.serialized, .enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
struct ShellHabitsTests {
    @Test func rcFileEditrcCtrlRClearAndCtrlL() async throws {
        let harness = try BinaryHarness()
        let config = harness.home.appendingPathComponent("config/automl")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "set format yaml\nuse location europe-west4\n".write(
            to: config.appendingPathComponent("automlrc"), atomically: true, encoding: .utf8)
        // A macro key: the user's ~/.editrc is read after the shell's own bindings.
        try "bind -s ^X context\n".write(
            to: harness.home.appendingPathComponent(".editrc"), atomically: true, encoding: .utf8)
        let binary = try builtAutomlBinary().path
        try await onOwnThread {
            let tmux = try TmuxSession(command: binary, environment: harness.environment)
            try tmux.waitFor("automl local(off):local/europe-west4>")
            try tmux.press("C-x")
            try tmux.press("Enter")
            try tmux.waitFor("format: yaml")
            try tmux.typeLine("history")
            try tmux.waitFor("  history")
            try tmux.press("C-r")
            try tmux.type("conte")
            try tmux.waitFor("bck:conte")
            try tmux.press("Enter")
            try tmux.waitUntil { $0.components(separatedBy: "format: yaml").count == 3 }
            try tmux.typeLine("clear")
            try tmux.waitUntil { !$0.contains("format: yaml") && $0.contains("europe-west4>") }
            try tmux.typeLine("context")
            try tmux.waitFor("format: yaml")
            try tmux.press("C-l")
            try tmux.waitUntil { !$0.contains("format: yaml") }
            // A delete asks first; no keeps it, yes deletes.
            try tmux.typeLine("dataset create roses")
            try tmux.waitFor("displayName: roses")
            try tmux.typeLine("dataset delete")
            try tmux.waitFor("and everything in it? [y/N]")
            try tmux.typeLine("n")
            try tmux.waitFor("nothing was deleted (not confirmed)")
            try tmux.typeLine("dataset delete roses")
            try tmux.waitUntil { $0.components(separatedBy: "[y/N]").count == 3 }
            try tmux.typeLine("y")
            try tmux.waitFor("deletion of ")
            try tmux.typeLine("exit")

            let plain = try TmuxSession(command: binary + " --no-rc", environment: harness.environment)
            // The rc's `use location` was saved like a typed one; --no-rc skips the file, whose note does not show.
            try plain.waitFor("automl local:local/europe-west4>")
            try plain.typeLine("unset dataset")
            try plain.waitUntil { $0.components(separatedBy: "europe-west4>").count == 3 }
            if try plain.screen().contains("location: europe-west4") { throw ShellHabitsFailure.rcRan }
            try plain.typeLine("exit")
        }
    }
}

extension ShellHabitsTests {
    /// A result longer than the window goes through $PAGER (here less -FRX, the default); q returns to the prompt;
    /// `set pager off` prints it straight, and so does an empty PAGER.
    @Test func longResultsGoThroughThePager() async throws {
        let harness = try BinaryHarness()
        let binary = try builtAutomlBinary().path
        try await onOwnThread {
            var environment = harness.environment
            environment["PAGER"] = "less -FRX"
            let tmux = try TmuxSession(command: binary, environment: environment, width: 100, height: 15)
            try tmux.waitFor("automl local(off):local/us-central1>")
            for name in ["roses", "tulips", "daisies"] {
                try tmux.typeLine("dataset create \(name)")
                try tmux.waitFor("\"displayName\": \"\(name)\"")
            }
            try tmux.typeLine("clear")
            try tmux.typeLine("datasets")
            // less waits at its prompt (a line that is only ":") with the first screenful.
            let lessPrompt = { (screen: String) in screen.components(separatedBy: "\n").contains(":") }
            try tmux.waitUntil(lessPrompt)
            try tmux.press("q")
            try tmux.waitUntil { !lessPrompt($0) && $0.contains("automl local:local/us-central1 ds:") }
            try tmux.typeLine("set pager off")
            try tmux.typeLine("clear")
            try tmux.typeLine("datasets")
            try tmux.waitFor("  ]\n}\nautoml local:local/us-central1 ds:")
            try tmux.typeLine("exit")
        }
    }
}

extension ShellHabitsTests {
    /// Ctrl-C stops a command that waits on the server (here a list the server answers 20 s late), says so, and the
    /// shell goes on.
    @Test func ctrlCStopsALongCommand() async throws {
        let harness = try BinaryHarness()
        let configuration = EmulatorConfiguration(dataDirectory: harness.home.appendingPathComponent("server"))
        let emulator = try await Emulator.start(
            configuration: configuration, trainer: ClockBudgetTrainer(), faults: "latency=20s")
        let server = try await EmulatorHTTPServer.start(emulator: emulator)
        let command = try builtAutomlBinary().path + " --endpoint \(server.baseURL) --project demo"
        var failure: (any Error)?
        do {
            try await onOwnThread {
                let tmux = try TmuxSession(command: command, environment: harness.environment)
                try tmux.waitFor("demo/us-central1>")
                try tmux.typeLine("datasets")
                Thread.sleep(forTimeInterval: 0.5)
                try tmux.press("C-c")
                try tmux.waitFor("error: interrupted (Ctrl-C)", timeout: 5)
                try tmux.typeLine("set format yaml")
                try tmux.typeLine("context")
                try tmux.waitFor("format: yaml", timeout: 5)
                try tmux.typeLine("exit")
            }
        } catch {
            failure = error
        }
        await server.shutdown()
        await emulator.shutdown()
        if let failure { throw failure }
    }
}

enum ShellHabitsFailure: Error {
    /// `--no-rc` ran the rc file.
    case rcRan
}
