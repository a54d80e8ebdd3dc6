import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// `record`: each command written after it ran, IDs rewritten so the transcript replays on another backend.
@Suite struct TranscriptTests {
    /// Runs `lines` in a session that records to a new file; returns the transcript without its preamble comments.
    private func record(_ lines: String, shell: ShellHarness, session: ShellSession) async throws -> [String] {
        let path = shell.directory.appendingPathComponent("t-\(UUID().uuidString).automl").path
        _ = await shell.run("record \(path)\n" + lines + "\nrecord stop", in: session)
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("# automl") && !$0.hasPrefix("# Replay") && !$0.hasPrefix("# What") }
    }

    private func datasetID(_ session: ShellSession) throws -> String {
        try #require(session.context.dataset)
    }

    @Test func idsOfWhatTheRecordingMadeBecomeVariablesInEveryForm() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        let path = shell.directory.appendingPathComponent("forms.automl").path
        await shell.runText("record \(path)\ndataset create flowers", in: session)
        let id = try datasetID(session)
        let name = "projects/local/locations/us-central1/datasets/\(id)"
        let status = await shell.runText(
            """
            dataset get \(id)
            models --dataset=\(id)
            dataset get '\(id)'
            dataset get "\(name)"
            dataset get --format=value(name) \(name)
            dataset get $last.name:id
            dataset get $last.name
            operations --filter "worksOn=\(name)"
            use dataset \\
              \(id)
            dataset get $dataset
            record stop
            """, in: session)
        #expect(status == 0, "\(shell.standardError)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            Array(lines.suffix(11)) == [
                "dataset create flowers",
                "dataset get $dataset_flowers",
                "models --dataset=$dataset_flowers",
                "dataset get $dataset_flowers",
                "dataset get $dataset_flowers",
                "dataset get --format=value(name) $dataset_flowers",
                "dataset get $dataset_flowers",
                "dataset get $dataset_flowers",
                "operations --filter worksOn=projects/local/locations/us-central1/datasets/$dataset_flowers",
                "use dataset $dataset_flowers",
                "dataset get $dataset",
            ])
        #expect(!lines.contains { $0.hasPrefix("record") })
    }

    @Test func theReplayBindsTheSameVariablesOnAnotherBackend() async throws {
        let first = try await ShellHarness()
        let csv = try first.images()
        let path = first.directory.appendingPathComponent("replay.automl").path
        let recording = first.session(persists: false)
        await first.runText("record \(path)\ndataset create flowers\ndataset import \(csv)", in: recording)
        let operation = try #require(recording.context.operation)
        #expect(
            await first.runText("watch \(operation)\ntrain --budget 8 --name flowers_v1 --force\nwatch", in: recording)
                == 0)
        let model = try #require(recording.context.model)
        #expect(
            await first.run("model get \(model)\nevaluations \(model)\nrecord stop", in: recording) == 0,
            "\(first.standardError)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("watch $operation_importData_flowers\n"))
        #expect(text.contains("model get $model_flowers_v1\nevaluations $model_flowers_v1\n"))

        let second = try await ShellHarness()
        try FileManager.default.createDirectory(at: second.gcsRoot, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: first.gcsRoot.appendingPathComponent("data"),
            to: second.gcsRoot.appendingPathComponent("data"))
        let replay = second.session(persists: false)
        #expect(await ShellRunner().run(text: text, session: replay, source: path) == 0, "\(second.standardError)")
        let replayed = try #require(replay.context.model)
        #expect(replayed != model, "a fresh backend gives new IDs")
        #expect(replay.variables.values["model_flowers_v1"] == replayed)
    }

    @Test func existingResourcesGoByUniqueDisplayNameOrStayWithAComment() async throws {
        let shell = try await ShellHarness()
        let cache = ResourceCache(scope: ResourceScope(context: SessionContext()), store: nil)
        let session = shell.session(cache: cache, persists: false)
        await shell.run("dataset create old", in: session)
        let old = try datasetID(session)
        await shell.run("dataset create twin", in: session)
        let twin = try datasetID(session)
        await shell.run("dataset create twin", in: session)
        await shell.run("dataset delete \(twin) --quiet", in: session)
        let deletion = try #require(session.context.operation)
        await shell.run("dataset create twin", in: session)
        let lines = try await record(
            "dataset get \(old)\nmodels --dataset=\(old)\ndataset get \(session.context.dataset ?? "")"
                + "\noperation get \(deletion)", shell: shell, session: session)
        #expect(
            lines.contains(
                "use dataset \(session.context.dataset ?? "")  # \(session.context.dataset ?? "") existed before the recording and has no unique display name"
            ))
        #expect(lines.contains("dataset get old"))
        #expect(lines.contains("models --dataset=old"))
        #expect(
            lines.contains(
                "operation get \(deletion)  # \(deletion) existed before the recording (operations have no display name)"
            ))
    }

    @Test func failedCommandsAreCommentsAndTheFileIsKept() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        let lines = try await record(
            "set on-error continue\nmodel get ICN404\ndataset get $nothing\ncontext", shell: shell,
            session: session)
        #expect(
            lines.suffix(4) == [
                "set on-error continue", "# failed: model get ICN404", "# failed: dataset get $nothing",
                "context",
            ])

        let path = shell.directory.appendingPathComponent("kept.automl").path
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: path))
        shell.clearOutput()
        #expect(await shell.run("record \(path)", in: session) == 1)
        #expect(shell.standardError.contains("cannot write the transcript \(path): it exists"))
        #expect(shell.standardError.contains("record --replace"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine\n")
        #expect(await shell.run("record --replace \(path)\nrecord stop", in: session) == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# automl transcript"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(
            (attributes[.posixPermissions] as? Int) == 0o600 || (attributes[.posixPermissions] as? Int) == 0o644,
            "an existing file keeps its mode")
    }

    @Test func aSourcedFileIsRecordedAsItsCommands() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        let file = shell.directory.appendingPathComponent("setup.automl")
        try FileManager.default.createDirectory(at: shell.directory, withIntermediateDirectories: true)
        try "dataset create flowers\nset format yaml\n".write(to: file, atomically: true, encoding: .utf8)
        let lines = try await record("source \(file.path)\ndataset get $last.name:id", shell: shell, session: session)
        #expect(lines.suffix(3) == ["dataset create flowers", "set format yaml", "dataset get $dataset_flowers"])
    }

    @Test func exitEndsTheRecordingAndNeitherItNorClearIsWritten() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        let path = shell.directory.appendingPathComponent("ended.automl").path
        #expect(await shell.run("record \(path)\ndataset create flowers\nclear\nquit", in: session) == 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.last == "dataset create flowers")
        #expect(!lines.contains("quit") && !lines.contains("exit") && !lines.contains("clear"))
    }

    @Test func aRecreatedNameIsBoundAgainAndTheOlderIDSaysSo() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        let path = shell.directory.appendingPathComponent("again.automl").path
        await shell.runText("record \(path)\ndataset create flowers", in: session)
        let first = try datasetID(session)
        await shell.run(
            "dataset create flowers\ndataset get \(first)\ndataset get $dataset_flowers\nrecord stop", in: session)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            lines.suffix(3) == [
                "dataset create flowers",
                "dataset get \(first)  # \(first) was made in this recording as $dataset_flowers, which a later command set again",
                "dataset get $dataset_flowers",
            ])
    }

    @Test func aTrainingNamedByTheClockIsWrittenWithItsName() async throws {
        let shell = try await ShellHarness()
        let csv = try shell.images()
        let session = shell.session(persists: false)
        await shell.runText("dataset create flowers\ndataset import \(csv)\nwatch", in: session)
        let lines = try await record(
            "train --budget 8 --force\nwatch\nmodel get $model", shell: shell, session: session)
        let train = try #require(lines.first { $0.hasPrefix("train ") })
        #expect(train.hasPrefix("train --budget 8 --force --name flowers_"))
        let name = String(train.split(separator: " ").last ?? "")
        #expect(lines.suffix(2) == ["watch", "model get $model"])
        #expect(session.variables.values["model_" + name] == session.context.model)
    }

    @Test func thePreamblePinsProjectLocationAndCurrentResourcesButNotTheEndpoint() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        await shell.run("use project pinned\nuse location europe-west1\ndataset create flowers", in: session)
        let path = shell.directory.appendingPathComponent("preamble.automl").path
        await shell.run("record \(path)\ndatasets\ndataset get\nrecord stop", in: session)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text.hasSuffix(
                "use project pinned\nuse location europe-west1\ndatasets\nuse dataset flowers\ndataset get\n"),
            "the current dataset is pinned before the first command that reads it")
        #expect(!text.contains("use endpoint"))
    }

    @Test func aPinIsLeftOutWhenTheTranscriptMakesItsOwn() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        await shell.run("dataset create old\n", in: session)
        let path = shell.directory.appendingPathComponent("own.automl").path
        await shell.run("record \(path)\ndataset create fresh\ndataset get\nlabels\nrecord stop", in: session)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("use dataset old"), "\(text)")
        #expect(text.hasSuffix("dataset create fresh\ndataset get\nlabels\n"))
        // So it replays on a backend that never had `old`.
        let fresh = try await ShellHarness()
        #expect(
            await fresh.runText("source \(path)", in: fresh.session(persists: false)) == 0, "\(fresh.standardError)")
    }

    @Test func readersOfTheCurrentDatasetAndModel() {
        #expect(TranscriptRecorder.reads("dataset", ["train"]))
        #expect(TranscriptRecorder.reads("dataset", ["dataset", "import", "./flowers/"]))
        #expect(!TranscriptRecorder.reads("dataset", ["dataset", "create", "x"]))
        #expect(!TranscriptRecorder.reads("dataset", ["models"]))
        #expect(TranscriptRecorder.reads("model", ["model", "export", "gs://b/x/"]))
        #expect(TranscriptRecorder.reads("model", ["batch-predict", "gs://b/x.csv"]))
        #expect(!TranscriptRecorder.reads("model", ["train"]))
    }
}

/// ``TranscriptLine`` on its own: how words are rewritten, quoted and commented.
@Suite struct TranscriptLineTests {
    private func line(
        _ text: String, names: TranscriptNames, last: JSONValue? = nil,
        context: SessionContext = SessionContext(dataset: "ICN1")
    ) throws -> TranscriptLine {
        let command = try #require(try ShellTokenizer.tokenize(text).first)
        return TranscriptLine(
            command, input: text, expander: VariableExpander(context: context, lastResult: last),
            names: names)
    }

    private var names: TranscriptNames {
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: [
                ResourceEntry(id: "ICN7", displayName: "old"),
                ResourceEntry(id: "ICN8", displayName: "with space"),
            ], fetchedAt: nil)
        var names = TranscriptNames(catalog: catalog)
        names.bind("dataset_flowers", to: "ICN1")
        names.bind("model_v1", to: "ICN2")
        return names
    }

    @Test func wordsWithoutIDsAreWrittenAsTyped() throws {
        #expect(
            try line("train  --budget 8 --name 'my model'", names: names).written
                == "train --budget 8 --name 'my model'")
        #expect(
            try line("set format \"value(name,displayName)\"", names: names).written
                == "set format \"value(name,displayName)\"")
        #expect(try line("dataset get \"$dataset\"", names: names).written == "dataset get \"$dataset\"")
    }

    @Test func idsInsideLongerWordsBecomeBracedVariables() throws {
        #expect(
            try line("x ICN1_copy a/ICN2/b \"a ICN1\"", names: names).written
                == "x ${dataset_flowers}_copy a/$model_v1/b 'a '$dataset_flowers")
        #expect(try line("x ICN1:x", names: names).written == "x ${dataset_flowers}:x")
    }

    /// A Vertex AI operation's path is one ID (its variable holds the path); a path of v1 IDs keeps its IDs replaced.
    @Test func vertexOperationPathsAreOneIDAndV1PathsKeepTheirIDsReplaced() throws {
        var names = names
        names.bind("operation_createModel_v2", to: "trainingPipelines/123")
        names.bind("operation_importData_flowers", to: "datasets/5/operations/6")
        #expect(try line("watch trainingPipelines/123", names: names).written == "watch $operation_createModel_v2")
        #expect(
            try line("operation get datasets/5/operations/6", names: names).written
                == "operation get $operation_importData_flowers")
        #expect(try line("x models/ICN2", names: names).written == "x models/$model_v1")
        #expect(try line("watch trainingPipelines/999", names: names).written == "watch trainingPipelines/999")
    }

    @Test func existingIDsByDisplayNameOnlyAsAWholeWord() throws {
        #expect(try line("dataset get ICN8", names: names).written == "dataset get 'with space'")
        let inside = try line("x --filter=dataset_id=ICN7", names: names)
        #expect(inside.text == "x --filter=dataset_id=ICN7")
        #expect(inside.comments == ["ICN7 existed before the recording; written as it is inside a longer word"])
        #expect(try line("x ICN99 8 12", names: names).written == "x ICN99 8 12", "unknown IDs and numbers stay")
    }

    @Test func lastReachesAreReplacedByWhatTheyHeld() throws {
        let last: JSONValue = .object([
            "name": .string("projects/p/locations/l/models/ICN2"),
            "displayName": .string("v 1"),
        ])
        #expect(try line("model get $last.name:id", names: names, last: last).written == "model get $model_v1")
        #expect(try line("echo ${last.displayName}", names: names, last: last).written == "echo 'v 1'")
    }
}
