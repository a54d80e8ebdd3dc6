import AutoMLTestSupport
import Foundation
import Testing

/// Signals at any moment leave the terminal as they found it: SIGINT, SIGTERM, SIGHUP and Ctrl-Z (SIGTSTP, then
/// SIGCONT) while a line is being edited, while `watch` runs and while a long command (a folder upload) runs;
/// `stty -a` after the shell ends equals `stty -a` before it started.
@Suite(.serialized, .enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
struct TerminalSignalTests {
    enum Moment: String, CaseIterable, Sendable {
        case editing, watching, uploading
    }

    enum Signal: String, CaseIterable, Sendable {
        case interrupt = "INT"
        case terminate = "TERM"
        case hangUp = "HUP"
        case suspend = "TSTP"

        /// Whether the shell goes on after it (and ends with Ctrl-D), or exits with 128 + the signal.
        var shellGoesOn: Bool { self == .interrupt || self == .suspend }
        var exitStatus: Int { self == .terminate ? 128 + 15 : 128 + 1 }
    }

    static let cases: [(Signal, Moment)] = Signal.allCases.flatMap { signal in Moment.allCases.map { (signal, $0) } }

    @Test(arguments: cases)
    func theTerminalIsRestored(_ signal: Signal, _ moment: Moment) throws {
        let harness = try BinaryHarness()
        let folder = harness.home.appendingPathComponent("photos")
        if moment == .watching {
            let csv = try TestImages.classificationDataset(
                in: harness.gcsRoot, labels: ["daisy", "tulip"], perLabel: 12)
            let ready = try harness.run(["-c", "dataset create flowers; dataset import \(csv); watch"])
            #expect(ready.status == 0, "\(ready.err)")
        } else if moment == .uploading {
            // Enough images that the upload is still going when the signal comes.
            for label in ["daisy", "tulip"] {
                let labelFolder = folder.appendingPathComponent(label)
                try FileManager.default.createDirectory(at: labelFolder, withIntermediateDirectories: true)
                for index in 0..<600 {
                    let shade = UInt8(index % 251)
                    try TestImages.png(width: 24, height: 24) { x, y in
                        (shade, UInt8(x * 10 % 256), label == "daisy" ? UInt8(y * 10 % 256) : UInt8(index / 251 * 80))
                    }.write(to: labelFolder.appendingPathComponent("\(index).png"))
                }
            }
        }
        let binary = try builtAutomlBinary().path
        let home = harness.home.path
        // `exec` keeps the PID the wrapper wrote, so the test can signal the shell itself.
        let tmux = try TmuxSession(
            command: "stty -a > \(home)/before; sh -c 'echo $$ > \(home)/pid; exec \(binary)'; "
                + "echo EXIT=$?; stty -a > \(home)/after.part; mv \(home)/after.part \(home)/after",
            environment: harness.environment)
        try tmux.waitFor("automl local", timeout: 30)
        switch moment {
        case .editing:
            try tmux.type("datasets --form")
        case .watching:
            try tmux.typeLine("train --dataset flowers --budget 800 --force")
            try tmux.waitFor("started: operation", timeout: 30)
            try tmux.typeLine("watch")
            try tmux.waitFor("createModel ICN", timeout: 30)
        case .uploading:
            try tmux.typeLine("dataset create photos; dataset import \(folder.path)")
            try tmux.waitFor("uploading", timeout: 60)
        }
        let pid = try String(contentsOfFile: "\(home)/pid", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        try Self.kill(signal.rawValue, pid)
        if signal == .suspend {
            Thread.sleep(forTimeInterval: 0.5)
            try Self.kill("CONT", pid)
        }
        if signal.shellGoesOn {
            if moment != .editing, signal == .interrupt {
                try tmux.waitFor(moment == .watching ? "stopped watching" : "the upload stopped after", timeout: 30)
            }
            if signal == .suspend, moment != .editing {
                try tmux.press("C-c")  // the work went on after SIGCONT: stop it the usual way
            }
            try tmux.press("C-u")
            try tmux.typeLine("context")
            try tmux.waitFor("\"endpoint\"", timeout: 30)
            try tmux.press("C-d")
            try tmux.waitFor("EXIT=0", timeout: 30)
        } else {
            try tmux.waitFor("EXIT=\(signal.exitStatus)", timeout: 30)
        }
        // `after` appears whole (written aside, then renamed), so its existence means stty is done.
        try tmux.waitUntil { _ in FileManager.default.fileExists(atPath: "\(home)/after") }
        let before = try String(contentsOfFile: "\(home)/before", encoding: .utf8)
        let after = try String(contentsOfFile: "\(home)/after", encoding: .utf8)
        #expect(!before.isEmpty && before == after, "stty -a before:\n\(before)\nafter:\n\(after)")
    }

    private static func kill(_ signal: String, _ pid: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/kill")
        process.arguments = ["-\(signal)", pid]
        try process.run()
        process.waitUntilExit()
    }
}
