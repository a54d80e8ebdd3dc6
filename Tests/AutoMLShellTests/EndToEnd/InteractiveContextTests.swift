import AutoMLTestSupport
import Foundation
import Testing

/// The interactive shell's part of the scoping rule, typed into tmux against a local backend over HTTP: it saves
/// what it changes (explicitly and implicitly, and through `source`), only that, so a one-shot command run in a
/// second terminal meanwhile keeps what it saved.
@Suite(.serialized, .enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
struct InteractiveContextTests {
    @Test func theShellSavesWhatItChangesAndNothingElse() throws {
        let harness = try BinaryHarness()
        let server = try EmulatorProcess.start([
            "--data-dir", harness.home.appendingPathComponent("server").path,
            "--gcs-root", harness.gcsRoot.path,
        ])
        defer { server.stop(signal: SIGTERM) }
        let csv = try TestImages.classificationDataset(in: harness.gcsRoot, labels: ["daisy", "tulip"], perLabel: 12)
        let scope = ["--endpoint", server.baseURL, "--project", "two-terminals"]
        let setup = try harness.file("setup.automl", "set format yaml\n")
        let binary = try builtAutomlBinary().path
        let tmux = try TmuxSession(
            command: ([binary] + scope).joined(separator: " ") + "; echo EXIT=$?",
            environment: harness.environment)
        try tmux.waitFor("automl 127.0.0.1:")

        // An implicit move: the created dataset becomes current, and is saved for this endpoint and project.
        try tmux.type("dataset create one")
        try tmux.press("Enter")
        try tmux.waitFor("\"displayName\": \"one\"")
        let one = try harness.run(scope + ["context", "--format", "value(dataset)"]).out
        #expect(one.hasPrefix("ICN"), "the second terminal sees the shell's dataset")

        // The second terminal makes another dataset current; the shell still works on its own.
        #expect(try harness.run(scope + ["dataset", "create", "two"]).status == 0)
        let usedTwo = try harness.run(scope + ["use", "dataset", "two"])
        #expect(usedTwo.status == 0, "\(usedTwo.err)")
        let two = try harness.run(scope + ["context", "--format", "value(dataset)"]).out
        #expect(two != one)

        // The shell starts an operation (it saves the operation, not its own older dataset), then sources a file.
        try tmux.type("dataset import \(csv)")
        try tmux.press("Enter")
        try tmux.waitFor("(`watch` follows it)")
        try tmux.type("source \(setup)")
        try tmux.press("Enter")
        try tmux.type("context")
        try tmux.press("Enter")
        try tmux.waitFor("format: yaml")
        try tmux.press("C-d")
        try tmux.waitFor("EXIT=0")

        let after = try harness.run(scope + ["context", "--format", "value(dataset,operation)"]).out
        let fields = after.trimmingCharacters(in: .newlines).split(separator: "\t").map(String.init)
        #expect(fields.first.map { $0 + "\n" } == two, "the second terminal's dataset is kept")
        #expect(fields.count == 2 && fields[1].hasPrefix("ICN"), "the shell's operation is saved")
        #expect(try harness.savedContext().hasSuffix(" yaml"), "what the sourced file set is saved")
        #expect(try harness.savedContext().hasPrefix("local "), "the flags were not saved")
    }
}
