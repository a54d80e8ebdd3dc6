import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// The seed's workflow through shell commands, on the local backend in-process.
@Suite struct ShellWorkflowTests {
    @Test func createImportTrainWatchKeepsTheContext() async throws {
        let shell = try await ShellHarness()
        let csv = try shell.images()
        let session = shell.session()
        let status = await shell.run(
            """
            dataset create flowers
            dataset import \(csv)
            watch
            train --budget 8
            watch
            context
            """, in: session)
        #expect(status == 0, "stderr: \(shell.standardError)")
        let dataset = try #require(session.context.dataset)
        #expect(dataset.hasPrefix("ICN"))
        let model = try #require(session.context.model, "a finished training makes its model current")
        #expect(shell.standardOutput.contains("\"stopReason\": \"BUDGET_REACHED\""))
        #expect(shell.standardOutput.contains("\"model\": \"\(model)\""))
        #expect(shell.standardError.contains("training of flowers_"))
    }

    @Test func trainChecksTheBudgetAndTheLabelsBeforeSending() async throws {
        let shell = try await ShellHarness()
        let session = shell.session()
        let csv = try shell.images(perLabel: 4)
        await shell.run("dataset create thin\ndataset import \(csv)\nwatch", in: session)
        shell.clearOutput()
        #expect(session.context.operation != nil, "the import is the current operation")
        #expect(await shell.run("train --budget 7", in: session) == 1)
        #expect(shell.standardError.contains("out of range for cloud"))
        #expect(session.context.operation == nil, "the import is no longer the current operation")
        #expect(shell.standardError.contains("no current operation now: `train` started none"))
        #expect(shell.standardError.contains("8,000–800,000 milli node hours"))
        shell.clearOutput()
        #expect(await shell.run("train --budget 8", in: session) == 1)
        #expect(shell.standardError.contains("label daisy has 4 image(s); the minimum is 10"))
        #expect(shell.standardError.contains("--force"))
        let operations = try await session.client().listOperations(
            in: try session.location(),
            filter: "worksOn=\(try session.location())/models/*")
        #expect(try await operations.collect().isEmpty, "nothing was sent")
        shell.clearOutput()
        // A script that goes on after the refused train: its watch must not follow the import and say "done".
        #expect(await shell.run("set on-error continue\ntrain --budget 8\nwatch", in: session) == 1)
        #expect(shell.standardError.contains("error: no operation is set"))
        #expect(!shell.standardError.contains("done"))
        #expect(await shell.run("train --budget 8 --force", in: session) == 0)
    }

    /// An operation's own NOT_FOUND (a CSV that is not there) is about its work: no "check the ID" hint.
    @Test func aMissingImportCSVSaysSoWithoutAnIDHint() async throws {
        let shell = try await ShellHarness()
        let session = shell.session()
        #expect(
            await shell.run("dataset create flowers\ndataset import gs://data/missing.csv\nwatch", in: session) == 1)
        #expect(shell.standardError.contains("error: NOT_FOUND: Error: gs://data/missing.csv: no such file."))
        #expect(!shell.standardError.contains("check the ID"), "\(shell.standardError)")
    }

    @Test func errorsStopAScriptUnlessToldToContinue() async throws {
        let shell = try await ShellHarness()
        let session = shell.session()
        #expect(await shell.run("trian\ncontext", in: session) == 2)
        #expect(shell.standardError.contains("unknown command \"trian\"; did you mean \"train\"?"))
        #expect(!shell.standardOutput.contains("endpoint"), "the script stopped at the error")
        shell.clearOutput()
        #expect(await shell.run("set on-error continue\nmodel get ICN404\ncontext", in: session) == 1)
        #expect(shell.standardError.contains("error: NOT_FOUND"))
        #expect(shell.standardError.contains("hint: check the ID"))
        #expect(shell.standardOutput.contains("\"onError\": \"continue\""))
        shell.clearOutput()
        #expect(await shell.run("train --budget", in: session) == 2)
        #expect(shell.standardError.contains("Missing value for '--budget <budget>'"))
    }

    @Test func quotesAndBackslashesCarryACommandOverSeveralLines() async throws {
        let shell = try await ShellHarness()
        let session = shell.session()
        await shell.run("dataset create first", in: session)
        let first = try #require(session.context.dataset)
        await shell.run("unset dataset", in: session)
        // A trailing backslash joins the next line, in a piped session and in a block of text alike.
        #expect(await shell.run("use dataset \\\nfirst", in: session) == 0, "\(shell.standardError)")
        #expect(session.context.dataset == first)
        await shell.run("unset dataset", in: session)
        #expect(await ShellRunner().run(text: "use \\\n  dataset first\ncontext", session: session, source: "-f") == 0)
        #expect(session.context.dataset == first)

        // A quote left open goes on with the next lines, blank ones included: one word with the line breaks.
        shell.clearOutput()
        #expect(await shell.run("use dataset \"first\n\nline\"\ncontext", in: session) == 1)
        #expect(shell.standardError.contains("display name \"first\n\nline\""), "\(shell.standardError)")
        #expect(!shell.standardOutput.contains("endpoint"), "the script stopped at the error")
        shell.clearOutput()
        #expect(await ShellRunner().run(text: "use dataset 'a\nb'", session: session, source: "-f") == 1)
        #expect(shell.standardError.contains("display name \"a\nb\""), "\(shell.standardError)")

        // A `;` inside quotes is text (`-c` passes its argument whole); one still open at the end is reported.
        shell.clearOutput()
        #expect(await ShellRunner().run(text: "use dataset 'a;b'; context", session: session, source: "-c") == 1)
        #expect(shell.standardError.contains("display name \"a;b\""), "\(shell.standardError)")
        #expect(!shell.standardOutput.contains("endpoint"), "the failure stopped the line")
        // With `set on-error continue`, the commands after a `;` run after a failure, and the status is the failure's.
        shell.clearOutput()
        #expect(
            await ShellRunner().run(
                text: "set on-error continue; use dataset nothing; context", session: session,
                source: "-c") == 1)
        #expect(shell.standardOutput.contains("endpoint"), "\(shell.standardError)")
        await shell.run("set on-error stop", in: session)

        // A quote left open in a long text is given up after 1,000 lines, and reported: a syntax error is 2.
        shell.clearOutput()
        let long = "context '\n" + String(repeating: "context\n", count: 1_200)
        #expect(await ShellRunner().run(text: long, session: session, source: "-f") == 2)
        #expect(shell.standardError.contains("unterminated single quote at column 9"), "\(shell.standardError)")
        shell.clearOutput()
        #expect(await shell.run("context\nuse dataset 'open", in: session) == 2)
        #expect(shell.standardError.contains("unterminated single quote at column 13"), "\(shell.standardError)")
    }

    @Test func evaluationGetDrawsTheCurveAndTheMatrix() async throws {
        let trainer = ClockBudgetTrainer(evaluations: { _ in [EvaluationViewTests.classification] })
        let shell = try await ShellHarness(trainer: trainer)
        let csv = try shell.images()
        let cache = ResourceCache(
            scope: ResourceScope(endpoint: nil, project: "local", location: "us-central1"),
            store: nil)
        let session = shell.session(cache: cache)
        #expect(
            await shell.run(
                "dataset create flowers\ndataset import \(csv)\nwatch\ntrain --budget 8\nwatch",
                in: session) == 0, "\(shell.standardError)")
        shell.clearOutput()
        #expect(await shell.run("set format value(name)\nevaluations", in: session) == 0)
        let id = try #require(
            shell.standardOutput.split(separator: "/").last?
                .trimmingCharacters(in: .whitespacesAndNewlines))
        // Listing them is what `evaluation get ⇥` completes from.
        #expect(cache.snapshot.entries(.evaluation) == [ResourceEntry(id: id, displayName: "all labels")])
        #expect(
            cache.refreshIfStale(.evaluation, now: Date(), maxAge: 0) { [] } == nil, "never listed in the background")

        // Piped: the result alone, in the format. With --view: the drawing alone, and `$last` is the result.
        shell.clearOutput()
        #expect(await shell.run("set format json\nevaluation get \(id)", in: session) == 0, "\(shell.standardError)")
        #expect(shell.standardOutput.contains("\"auPrc\": 0.8125"))
        #expect(!shell.standardOutput.contains("Precision by recall"))
        shell.clearOutput()
        #expect(await shell.run("evaluation get \(id) --view", in: session) == 0, "\(shell.standardError)")
        #expect(shell.standardOutput.hasPrefix("Evaluation \(id) (all labels): 133 test images\n"))
        #expect(shell.standardOutput.contains("Precision by recall"))
        #expect(shell.standardOutput.contains("Confusion matrix (rows: true label; columns: predicted label)"))
        #expect(!shell.standardOutput.contains("auPrc"))
        #expect(session.lastResult?["classificationEvaluationMetrics"]?["auPrc"] != nil)
    }

    /// A trainer whose models carry an overall evaluation and one per label, as the real one's do.
    static let evaluatingTrainer = ClockBudgetTrainer(evaluations: { request in
        var overall = ModelEvaluation()
        overall.evaluatedExampleCount = 2
        return [overall]
            + zip(request.annotationSpecIDs, request.labels).map { id, label in
                var evaluation = ModelEvaluation()
                evaluation.annotationSpecId = id
                evaluation.displayName = label
                return evaluation
            }
    })

    @Test func resumeTrainsFromTheCurrentModelAndRefusesAChangedLabelSet() async throws {
        let shell = try await ShellHarness(trainer: Self.evaluatingTrainer)
        let csv = try shell.images()
        let session = shell.session()
        #expect(
            await shell.run(
                "dataset create flowers\ndataset import \(csv)\nwatch\ntrain --budget 8\nwatch",
                in: session) == 0, "\(shell.standardError)")
        let base = try #require(session.context.model)

        // The dry run shows the request: the base model, the budget, a name from the dataset's.
        shell.clearOutput()
        #expect(await shell.run("resume --budget 9 --dry-run", in: session) == 0, "\(shell.standardError)")
        #expect(shell.standardOutput.contains("\"baseModelId\" : \"\(base)\""), "\(shell.standardOutput)")
        #expect(shell.standardOutput.contains("\"trainBudgetMilliNodeHours\" : \"9000\""))
        #expect(shell.standardOutput.contains("\"displayName\" : \"flowers_"))
        // To the local server where it runs, with its token (as a command, never the token itself).
        #expect(shell.standardOutput.contains("-H \"Authorization: Bearer $(automl emulator token)\""))
        #expect(
            shell.standardOutput.contains("\"http://embedded.local/v1/projects/local/locations/us-central1/models\""))
        #expect(shell.standardError.contains("resumable training is offered for datasets of more than 1,000 images"))

        // Sent: the new model is trained from the base, and becomes the current one.
        shell.clearOutput()
        #expect(await shell.run("resume\nwatch", in: session) == 0, "\(shell.standardError)")
        #expect(shell.standardError.contains("resumed training of flowers_"), "\(shell.standardError)")
        let resumed = try #require(session.context.model)
        #expect(resumed != base)
        let model = try await session.client().getModel(try session.location().model(resumed))
        #expect(model.imageClassificationModelMetadata?.baseModelId == base)

        // A label added since: refused before sending, with the change named.
        let more = try shell.images(labels: ["rose"], csv: "more.csv")
        #expect(await shell.run("dataset import \(more)\nwatch", in: session) == 0, "\(shell.standardError)")
        shell.clearOutput()
        #expect(await shell.run("resume --base-model \(base)", in: session) == 1)
        #expect(
            shell.standardError.contains("changed since \(base) was trained (added rose)"), "\(shell.standardError)")
        #expect(shell.standardError.contains("--force sends anyway"))
        #expect(session.context.model == resumed, "nothing was started")
    }

    @Test func useAcceptsIDsNamesAndDisplayNames() async throws {
        let shell = try await ShellHarness()
        let session = shell.session()
        await shell.run("dataset create first\ndataset create second", in: session)
        let second = try #require(session.context.dataset)
        await shell.run("use dataset first", in: session)
        let first = try #require(session.context.dataset)
        #expect(first != second)
        await shell.run("use dataset projects/local/locations/us-central1/datasets/\(second)", in: session)
        #expect(session.context.dataset == second)
        shell.clearOutput()
        await shell.run("dataset create first\nuse dataset first", in: session)
        #expect(shell.standardError.contains("2 datasets have the display name \"first\""))
    }

    @Test func variablesStandInForIDs() async throws {
        let shell = try await ShellHarness()
        let session = shell.session()
        #expect(
            await shell.run(
                "dataset create flowers\nset format value(name)\ndataset get $dataset\ndataset get $last.name",
                in: session) == 0,
            "stderr: \(shell.standardError)")
        let dataset = try #require(session.context.dataset)
        let lines = shell.standardOutput.split(separator: "\n").filter { $0.hasSuffix(dataset) }
        #expect(lines.count == 2)
        shell.clearOutput()
        #expect(await shell.run("model get $model", in: session) != 0)
        #expect(shell.standardError.contains("$model"))
    }
}
