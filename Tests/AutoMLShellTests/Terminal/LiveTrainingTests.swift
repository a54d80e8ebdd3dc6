import AutoMLTestSupport
import Foundation
import Testing

/// Training as a person follows it, typed into tmux on the default backend with the real trainer: `watch` shows the
/// search live and why it stopped, `evaluations` and `models` are summaries, a training left running is announced at
/// the next prompt, a second terminal follows every operation with `watch --all`, and `model diff` compares two.
@Suite(.serialized, .enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
struct LiveTrainingTests {
    @Test func watchSummariesFinishNoticeWatchAllAndDiff() async throws {
        // A node hour of one second: the minimum budget of 8 trains for 8 s, on one core (the suite runs beside others
        // that time themselves).
        let harness = try BinaryHarness(nodeHourSeconds: 1, trainerThreads: 1)
        let folder = try VertexShellSupport.flowers(in: harness.home)
        let binary = try builtAutomlBinary().path
        try await onOwnThread {
            let first = try TmuxSession(command: binary, environment: harness.environment, width: 120, height: 50)
            try first.waitFor("automl local(off):local/us-central1>")
            try first.typeLine("dataset create flowers")
            try first.waitFor("ds:ICN…")
            try first.typeLine("dataset import \(folder.path); watch")
            try first.waitFor("  done  ")
            try first.typeLine("clear")
            try first.typeLine("train --budget 8 --name first --no-early-stop; watch")
            // The live view: the bar, the time left, the candidates with the current one marked, its epoch.
            try first.waitFor("about ", timeout: 40)
            try first.waitUntil(timeout: 40) { $0.contains("CANDIDATE") && $0.contains("▸ ") && $0.contains("epoch ") }
            try first.waitFor("stopped: the budget was spent (BUDGET_REACHED)", timeout: 60)
            try first.waitFor("\"stopReason\": \"BUDGET_REACHED\"")
            try first.typeLine("clear")
            try first.typeLine("evaluations")
            try first.waitUntil { $0.contains("PRECISION") && $0.contains("all labels") && $0.contains("tulip") }
            try first.typeLine("evaluation errors")
            try first.waitUntil { $0.contains("contact sheet: ") || $0.contains("no errors: the model got all 4") }
            try first.typeLine("clear")
            try first.typeLine("models")
            try first.waitUntil { $0.contains("AUPRC") && $0.contains("NODE HOURS") && $0.contains("8 / 8") }

            // A training left running: a second terminal follows it with `watch --all`; the first one's next prompt
            // says it finished.
            try first.typeLine("clear")
            try first.typeLine("train --budget 8 --name second")
            try first.waitFor("started: operation")
            let second = try TmuxSession(command: binary, environment: harness.environment, width: 120, height: 30)
            try second.waitFor("automl local:local/us-central1")
            try second.typeLine("watch --all")
            try second.waitFor("createModel ")
            try second.waitFor("  running  ")
            // Once every operation is done, their final states are the result.
            try second.waitUntil(timeout: 60) {
                $0.contains("\"displayName\": \"second\"") && $0.contains("\"done\": true")
            }
            try second.typeLine("exit")
            // The notice is read every two seconds in the background; Enter shows the next prompt.
            for _ in 0..<15 where !(try first.screen()).contains("finished: done") {
                try first.press("Enter")
                Thread.sleep(forTimeInterval: 1)
            }
            try first.waitFor("finished: done")
            try first.typeLine("clear")
            try first.typeLine("model diff first second")
            try first.waitUntil { $0.contains("display name") && $0.contains("(* marks the better of the two)") }
            try first.typeLine("exit")
        }
    }
}
