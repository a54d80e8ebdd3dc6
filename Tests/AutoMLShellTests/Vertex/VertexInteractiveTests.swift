import AutoMLTestSupport
import Foundation
import Testing

/// The shell on Vertex AI as a person uses it, typed into tmux: the prompt, Tab over numeric IDs with their display
/// names and over operation paths, and a second terminal that starts where the first one is.
@Suite(.serialized, .enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
struct VertexInteractiveTests {
    @Test func promptTabAndASecondTerminalOnTheLocalVertexSurface() async throws {
        try await onOwnThread {
            let harness = try BinaryHarness()
            let folder = try VertexShellSupport.flowers(in: harness.home)
            let binary = try builtAutomlBinary().path
            let first = try TmuxSession(command: binary, environment: harness.environment)
            try first.waitFor("automl local(off):local/us-central1>")
            try first.typeLine("use endpoint vertex:local")
            try first.waitFor("automl vertex:local:local/us-central1>")
            try first.typeLine("dataset create roses")
            try first.waitFor("\"automl-shell-type\": \"multiclass\"")
            try first.typeLine("dataset create flowers")
            try first.waitFor("automl vertex:local:local/us-central1 ds:…")
            try first.typeLine("dataset import \(folder.path); watch")
            try first.waitFor("importData ")
            try first.waitFor("  done  ")

            try first.type("use dataset ")
            try first.press("Tab")
            try first.press("Tab")
            try first.waitUntil { $0.contains("  roses") && $0.contains("  flowers") }
            try first.press("C-u")
            try first.typeLine("use dataset roses")
            try first.waitFor("(roses)")

            try first.typeLine("operations --format value(name)")
            try first.waitFor("/operations/")
            try first.type("use operation datasets/")
            try first.press("Tab")
            try first.press("Tab")
            try first.waitUntil { $0.contains("importData") && $0.contains("createDataset") }
            try first.press("C-u")

            // A second terminal starts on the endpoint and resources the first one saved, and sees the same datasets.
            let second = try TmuxSession(command: binary, environment: harness.environment)
            try second.waitFor("automl vertex:local:local/us-central1 ds:…")
            try second.typeLine("datasets --format value(displayName)")
            try second.waitUntil { $0.contains("\nroses") && $0.contains("\nflowers") }
            try second.typeLine("help vertex")
            try second.waitFor("Predict through the model's endpoint")
            try second.typeLine("exit")
            try first.typeLine("batch-predict gs://b/list.csv --output gs://b/out")
            try first.waitFor("batch-predict is not available on Vertex AI")
            try first.typeLine("exit")
            harness.stopServer()
        }
    }
}
