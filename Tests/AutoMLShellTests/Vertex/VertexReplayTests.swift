import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// One transcript, recorded on the AutoML API v1, replays on Vertex AI with only its `use endpoint` line changed and
/// reaches the same state.
@Suite struct VertexReplayTests {
    /// What a backend holds, by display name: datasets with their image counts, models with their evaluations' labels.
    struct State: Equatable {
        var datasets: [String: Int64] = [:]
        var models: [String: [String]] = [:]
    }

    static func v1State(_ shell: ShellHarness) async throws -> State {
        var state = State()
        for dataset in try await shell.client.listDatasets(in: shell.location).collect() {
            state.datasets[dataset.displayName] = Int64(dataset.exampleCount)
        }
        for model in try await shell.client.listModels(in: shell.location).collect() {
            let name = try #require(model.modelName)
            let evaluations = try await shell.client.listModelEvaluations(of: name).collect()
            state.models[model.displayName] = evaluations.map { $0.displayName.isEmpty ? "all" : $0.displayName }
                .sorted()
        }
        return state
    }

    static func vertexState(_ shell: ShellHarness) async throws -> State {
        var state = State()
        for dataset in try await shell.vertex.listDatasets(in: shell.location).collect() {
            state.datasets[dataset.displayName] = dataset.dataItemCount
        }
        for model in try await shell.vertex.listModels(in: shell.location).collect() {
            let name = try #require(model.modelName)
            var labels: [String] = []
            for evaluation in try await shell.vertex.listModelEvaluations(of: name).collect() {
                labels.append("all")
                let evaluationName = try VertexModelEvaluationName(parsing: evaluation.name)
                labels += try await shell.vertex.listModelEvaluationSlices(of: evaluationName).collect()
                    .map { $0.slice?.value ?? "" }
            }
            state.models[model.displayName] = labels.sorted()
        }
        return state
    }

    @Test func aTranscriptRecordedOnV1ReplaysOnVertexWithOnlyTheEndpointLineChanged() async throws {
        let first = try await ShellHarness(trainer: VertexShellSupport.trainer())
        let folder = try VertexShellSupport.flowers(in: first.directory)
        let path = first.directory.appendingPathComponent("flowers.automl").path
        let recording = first.session(persists: false)
        let recorded = await first.runText(
            """
            record \(path)
            use endpoint local
            dataset create flowers
            dataset import \(folder.path)
            watch
            labels
            train --budget 8 --name flowers_v1
            watch
            evaluations
            """, in: recording)
        #expect(recorded == 0, "\(first.standardError)")
        let daisy = try #require(recording.variables.values["evaluation_flowers_v1_daisy"])
        let finished = await first.run(
            """
            evaluation get \(daisy)
            resume --budget 8 --name flowers_v2 --force
            watch
            models
            use model flowers_v1
            record stop
            """, in: recording)
        #expect(finished == 0, "\(first.standardError)")
        let v1Text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(v1Text.contains("evaluation get $evaluation_flowers_v1_daisy\n"))
        #expect(v1Text.contains("watch $operation_createModel_flowers_v2\n") || v1Text.contains("\nwatch\n"))

        let vertexText = v1Text.replacingOccurrences(of: "use endpoint local\n", with: "use endpoint vertex:local\n")
        let changed = zip(v1Text.split(separator: "\n"), vertexText.split(separator: "\n")).filter { $0 != $1 }
        #expect(changed.map(\.1) == ["use endpoint vertex:local"], "exactly the endpoint line differs")

        let second = try await ShellHarness(trainer: VertexShellSupport.trainer())
        let replay = second.session(persists: false)
        let replayed = await ShellRunner().run(text: vertexText, session: replay, source: path)
        #expect(replayed == 0, "\(second.standardError)")
        #expect(replay.context.endpoint == "vertex:local")

        let v1 = try await Self.v1State(first)
        #expect(v1.datasets == ["flowers": 24])
        #expect(v1.models["flowers_v1"] == ["all", "daisy", "tulip"])
        #expect(try await Self.vertexState(second) == v1)
        #expect(try await Self.v1State(second) == State(), "the replay made nothing on the v1 surface")

        let model = try #require(replay.context.model)
        #expect(replay.variables.values["model_flowers_v1"] == model, "`use model flowers_v1` by display name")
        let pipeline = try #require(replay.variables.values["operation_createModel_flowers_v2"])
        #expect(pipeline.hasPrefix("trainingPipelines/"))
        let resumed = try await second.vertex.getTrainingPipeline(
            try VertexTrainingPipelineName(parsing: "\(second.location)/\(pipeline)"))
        #expect(resumed.trainingTaskInputs["baseModelId"]?.stringValue == model)
    }
}
