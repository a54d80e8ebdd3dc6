import AutoMLTestSupport
import Foundation
import Testing

/// The shell as a person uses it: typed into tmux, read off the screen.
@Suite(.serialized, .enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
struct InteractiveShellTests {
    @Test func typingTabCtrlCDuringWatchAndCtrlD() throws {
        let harness = try BinaryHarness()
        _ = try TestImages.classificationDataset(in: harness.gcsRoot, labels: ["daisy", "tulip"], perLabel: 12)
        let binary = try builtAutomlBinary().path
        let terminal = harness.home.path
        let tmux = try TmuxSession(
            command:
                "stty -g > \(terminal)/before; \(binary); echo EXIT=$?; stty -g > \(terminal)/after.part; mv \(terminal)/after.part \(terminal)/after",
            environment: harness.environment)

        try tmux.waitFor("on the local server (started by the first command that needs it")
        try tmux.waitFor("automl local(off):local/us-central1>", timeout: 5)
        try tmux.type("dataset create flowers")
        try tmux.press("Enter")
        try tmux.waitFor("\"displayName\": \"flowers\"")
        try tmux.waitFor("automl local:local/us-central1 ds:ICN…")

        try tmux.type("use da")
        try tmux.press("Tab")
        try tmux.waitFor("> use dataset")
        try tmux.press("Tab")
        try tmux.waitUntil { screen in screen.split(separator: "\n").contains { $0.contains("use dataset ICN") } }
        try tmux.press("Enter")
        try tmux.waitFor("(flowers)")

        try tmux.type("dataset import gs://data/import.csv; watch")
        try tmux.press("Enter")
        try tmux.waitFor("importData ICN")
        try tmux.type("train --budget 800 --force")
        try tmux.press("Enter")
        try tmux.waitFor("started: operation")
        try tmux.type("watch")
        try tmux.press("Enter")
        try tmux.waitFor("createModel ICN")
        try tmux.press("C-c")
        try tmux.waitFor("stopped watching")
        try tmux.type("operation get")
        try tmux.press("Enter")
        try tmux.waitFor("\"createModelDetails\": {}", timeout: 10)
        try tmux.type("operation cancel")
        try tmux.press("Enter")
        try tmux.waitFor("cancel requested")

        try tmux.type("trian")
        try tmux.press("Enter")
        try tmux.waitFor("did you mean \"train\"?")

        // An open quote goes on at a `> ` prompt; the line break is part of the word.
        try tmux.type("use dataset \"two")
        try tmux.press("Enter")
        try tmux.waitUntil { screen in
            screen.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) == ">"
        }
        try tmux.type("lines\"")
        try tmux.press("Enter")
        try tmux.waitFor("no dataset has the ID or display name \"two")

        // `set KEY VALUE` completes the key, then its values.
        try tmux.type("set for")
        try tmux.press("Tab")
        try tmux.waitFor("> set format")
        try tmux.type("ya")
        try tmux.press("Tab")
        try tmux.waitFor("> set format yaml")
        try tmux.press("Enter")
        try tmux.type("context")
        try tmux.press("Enter")
        try tmux.waitFor("format: yaml")

        try tmux.press("C-d")
        let screen = try tmux.waitFor("EXIT=0")
        #expect(!screen.contains("Fatal error"))
        // `after` appears whole (written aside, then renamed), so its existence means stty is done.
        try tmux.waitUntil { _ in FileManager.default.fileExists(atPath: terminal + "/after") }
        let before = try String(contentsOfFile: terminal + "/before", encoding: .utf8)
        let after = try String(contentsOfFile: terminal + "/after", encoding: .utf8)
        #expect(before == after, "the terminal is restored")
    }
}
