import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization
import Testing

@testable import AutoMLShell

/// Each row of the mapping (`help vertex`, docs/vertex.md) against the local backend's Vertex AI surface.
@Suite struct VertexMappingTests {
    /// A shell on `vertex:local` with the flowers folder imported into a dataset; returns its ID.
    private func prepared(_ shell: ShellHarness, _ session: ShellSession) async throws -> String {
        let folder = try VertexShellSupport.flowers(in: shell.directory)
        let status = await shell.run(
            "use endpoint vertex:local\ndataset create flowers\ndataset import \(folder.path)\nwatch", in: session)
        #expect(status == 0, "\(shell.standardError)")
        return try #require(session.context.dataset)
    }

    private func pipeline(_ shell: ShellHarness, _ reference: String) async throws -> VertexTrainingPipeline {
        try await shell.vertex.getTrainingPipeline(
            try VertexTrainingPipelineName(parsing: "\(shell.location)/\(reference)"))
    }

    @Test func endpointsNameTheRightServer() async throws {
        let asked = LockedStrings()
        let backends = BackendFactory { endpoint in
            asked.append(endpoint ?? "local server")
            return AutoMLClient(configuration: .init(endpoint: endpoint ?? "http://127.0.0.1:9"))
        }
        let regional = try await backends.connect("vertex", location: "europe-west4")
        #expect(regional.backend.api == .vertex)
        #expect(regional.client.configuration.endpoint == "https://europe-west4-aiplatform.googleapis.com")
        _ = try await backends.connect("vertex:local", location: "us-central1")
        _ = try await backends.connect("vertex:http://127.0.0.1:8080/vertex", location: "us-central1")
        let automl = try await backends.connect("https://automl.googleapis.com", location: "us-central1")
        #expect(automl.backend.api == .automl)
        #expect(
            asked.values == [
                "https://europe-west4-aiplatform.googleapis.com", "local server", "http://127.0.0.1:8080/vertex",
                "https://automl.googleapis.com",
            ])
        #expect(try EndpointChoice.parse("vertex") == "vertex")
        #expect(try EndpointChoice.parse("vertex:local") == "vertex:local")
        #expect(
            try EndpointChoice.parse("vertex:http://127.0.0.1:8080/vertex/") == "vertex:http://127.0.0.1:8080/vertex")
        #expect(throws: ShellError.self) { try EndpointChoice.parse("vertex:ftp://x") }
        #expect(throws: ShellError.self) { try EndpointChoice.parse("vertex:http://u:SECRET@127.0.0.1:1") }
    }

    @Test func datasetsCreateImportLabelsExportAndDelete() async throws {
        let shell = try await ShellHarness(trainer: VertexShellSupport.trainer())
        let session = shell.session(persists: false)
        let id = try await prepared(shell, session)
        let dataset = try await shell.vertex.getDataset(
            try VertexDatasetName(parsing: "\(shell.location)/datasets/\(id)"))
        #expect(dataset.labels[VertexBackend.kindLabel] == "multiclass")
        #expect(dataset.dataItemCount == 24)
        let staged = shell.gcsRoot.appendingPathComponent("automl-shell/imports/flowers/import.jsonl")
        let lines = try String(contentsOf: staged, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 24)
        #expect(lines[0].contains("\"aiplatform.googleapis.com/ml_use\":\"test\"") || lines[0].contains("ml_use"))
        #expect(
            session.variables.values["operation_importData_flowers"]?.hasPrefix("datasets/\(id)/operations/") == true)

        shell.clearOutput()
        #expect(await shell.run("set format value(displayName)\ndatasets\nset format json\nlabels", in: session) == 0)
        #expect(shell.standardOutput.hasPrefix("flowers\n"))
        #expect(shell.standardOutput.contains("\"train\": 8"))
        #expect(shell.standardOutput.contains("\"validation\": 2"))

        #expect(await shell.run("dataset export gs://automl-shell/exported\nwatch", in: session) == 0)
        let exported = try FileManager.default.subpathsOfDirectory(
            atPath: shell.gcsRoot.appendingPathComponent("automl-shell/exported").path)
        #expect(exported.contains { $0.hasSuffix(".jsonl") }, "\(exported)")

        shell.clearOutput()
        #expect(await shell.run("dataset delete --quiet\nwatch\ndatasets", in: session) == 0, "\(shell.standardError)")
        #expect(session.context.dataset == nil)
        #expect(try await shell.vertex.listDatasets(in: shell.location).collect().isEmpty)
    }

    @Test func trainFollowsAPipelineWhoseModelBecomesCurrentAndResumeStartsFromIt() async throws {
        let shell = try await ShellHarness(trainer: VertexShellSupport.trainer())
        let session = shell.session(persists: false)
        let dataset = try await prepared(shell, session)
        shell.clearOutput()
        #expect(
            await shell.run("train --budget 24 --name m1 --no-early-stop", in: session) == 0, "\(shell.standardError)")
        let reference = try #require(session.context.operation)
        #expect(reference.hasPrefix("trainingPipelines/"))
        #expect(
            shell.standardError.contains("training of m1 (budget 24 node hours, cloud) started: operation \(reference)")
        )
        let created = try await pipeline(shell, reference)
        #expect(
            created.trainingTaskInputs["budgetMilliNodeHours"]?.stringValue == "24000"
                || created.trainingTaskInputs["budgetMilliNodeHours"] == .integer(24000)
                || created.trainingTaskInputs["budgetMilliNodeHours"] == .number(24000))
        #expect(created.trainingTaskInputs["modelType"]?.stringValue == "CLOUD")
        #expect(created.trainingTaskInputs["disableEarlyStopping"] == .bool(true))
        #expect(created.inputDataConfig?.datasetId == dataset)
        #expect(created.inputDataConfig?.filterSplit == .byImportedMLUse)

        shell.clearOutput()
        #expect(await shell.run("watch", in: session) == 0, "\(shell.standardError)")
        let id = String(reference.dropFirst("trainingPipelines/".count))
        #expect(shell.standardError.contains("createModel \(id): done, 100%, 0:0"))
        let ended = try await pipeline(shell, reference)
        let model = try #require(ended.modelToUpload?.modelName?.segments.last)
        #expect(session.context.model == model, "the pipeline's model is current once it succeeded")
        #expect(session.variables.values["model_m1"] == model)
        #expect(shell.standardOutput.contains("\"displayName\": \"m1\""), "watch prints the model")

        #expect(await shell.run("resume --budget 8 --name m2\nwatch", in: session) == 0, "\(shell.standardError)")
        let resumed = try await pipeline(shell, try #require(session.variables.values["operation_createModel_m2"]))
        #expect(resumed.trainingTaskInputs["baseModelId"]?.stringValue == model)
        #expect(resumed.state == .succeeded)

        shell.clearOutput()
        #expect(await shell.run("set format value(displayName)\nmodels --dataset flowers", in: session) == 0)
        #expect(shell.standardOutput.split(separator: "\n").sorted() == ["m1", "m2"])
        #expect(await shell.run("train --budget 1 --model-type mobile-core-ml-low-latency-1", in: session) == 1)
        #expect(shell.standardError.contains("Vertex AI has no model type mobile-core-ml-low-latency-1"))
        #expect(
            await shell.run("train --budget 1 --model-type mobile-core-ml-low-latency-1 --dry-run", in: session) == 1)
        shell.clearOutput()
        #expect(await shell.run("train --budget 8 --dry-run", in: session) == 0)
        #expect(
            shell.standardOutput.contains(
                "\"http://embedded.local/vertex/v1/projects/local/locations/us-central1/trainingPipelines\""))
        #expect(shell.standardOutput.contains("\"budgetMilliNodeHours\" : \"8000\""), "\(shell.standardOutput)")
    }

    @Test func operationsListPipelinesAndOperationsAndGetCancelAndDeleteThem() async throws {
        let shell = try await ShellHarness(nodeHourSeconds: 0.05, trainer: VertexShellSupport.trainer(steps: 200))
        let session = shell.session(persists: false)
        let dataset = try await prepared(shell, session)
        #expect(await shell.run("train --budget 800 --name long", in: session) == 0, "\(shell.standardError)")
        let reference = try #require(session.context.operation)
        shell.clearOutput()
        #expect(await shell.run("set format value(name)\noperations\noperations --running", in: session) == 0)
        let listed = shell.standardOutput.split(separator: "\n").map(String.init)
        #expect(listed.contains { $0.hasSuffix(reference) })
        #expect(listed.contains { $0.contains("/datasets/\(dataset)/operations/") }, "the import, after the pipelines")
        #expect(listed.filter { $0.hasSuffix(reference) }.count == 2, "still running: listed by --running too")
        #expect(
            listed.filter { $0.contains("/datasets/\(dataset)/operations/") }.count == 2,
            "the dataset's create and import, done: not listed by --running")

        shell.clearOutput()
        #expect(await shell.run("set format json\noperation get \(reference)\noperation cancel", in: session) == 0)
        #expect(shell.standardError.contains("cancel requested for \(reference)"))
        #expect(await shell.run("watch", in: session) == 1)
        #expect(try await pipeline(shell, reference).state == .cancelled)

        #expect(await shell.run("operation delete \(reference)", in: session) == 1)
        #expect(shell.standardError.contains("is a training pipeline"))
        let importOperation = try #require(session.variables.values["operation_importData_flowers"])
        #expect(await shell.run("operation delete \(importOperation)", in: session) == 0, "\(shell.standardError)")
        shell.clearOutput()
        #expect(await shell.run("use operation \(importOperation)", in: session) == 1)
        #expect(shell.standardError.contains("NOT_FOUND"))

        // A bare ID is found among the references the shell has listed.
        let id = String(reference.dropFirst("trainingPipelines/".count))
        #expect(await shell.run("operations\nuse operation \(id)", in: session) == 0, "\(shell.standardError)")
        #expect(session.context.operation == reference)
        #expect(await shell.run("use operation 12345", in: session) == 1)
        #expect(shell.standardError.contains("give the path `operations` shows"))
    }

    @Test func modelsDeployUndeployExportEvaluationsAndPredict() async throws {
        let shell = try await ShellHarness(trainer: VertexShellSupport.trainer())
        let session = shell.session(persists: false)
        _ = try await prepared(shell, session)
        #expect(await shell.run("train --budget 8 --name m1\nwatch", in: session) == 0, "\(shell.standardError)")
        let model = try #require(session.context.model)
        let modelName = try VertexModelName(parsing: "\(shell.location)/models/\(model)")

        shell.clearOutput()
        #expect(await shell.run("evaluations", in: session) == 0, "\(shell.standardError)")
        #expect(shell.standardOutput.contains("\"modelEvaluations\""))
        #expect(shell.standardOutput.contains("/slices/"), "the slices follow the evaluation")
        shell.clearOutput()
        #expect(await shell.run("evaluations --format table", in: session) == 0)
        let table = shell.standardOutput.split(separator: "\n").map { $0.split(separator: " ").filter { !$0.isEmpty } }
        #expect(table.first?.prefix(2) == ["ID", "LABEL"])
        #expect(table.dropFirst().map { $0.last } == ["0.750", "0.750", "0.750"], "\(shell.standardOutput)")
        #expect(shell.standardOutput.contains("(all labels)") && shell.standardOutput.contains("daisy"))
        let overall = try #require(session.variables.values["evaluation_m1_all"])
        let daisy = try #require(session.variables.values["evaluation_m1_daisy"])
        shell.clearOutput()
        #expect(await shell.run("evaluation get \(overall)\nevaluation get \(daisy)", in: session) == 0)
        #expect(shell.standardOutput.contains("/evaluations/\(overall)\""))
        #expect(shell.standardOutput.contains("\"value\": \"daisy\""))
        // On a terminal `models` shows each model's headline figure, read from its overall evaluation.
        let terminal = shell.session(context: session.context, persists: false, terminal: true)
        shell.clearOutput()
        #expect(await shell.run("models", in: terminal) == 0, "\(shell.standardError)")
        let row = shell.standardOutput.split(separator: "\n").first { $0.contains(" m1 ") }
        #expect(row?.contains("0.750") == true, "the model's row carries its auPRC: \(shell.standardOutput)")
        shell.clearOutput()
        #expect(await shell.run("evaluation get \(daisy) --view", in: session) == 0, "\(shell.standardError)")
        #expect(shell.standardOutput.hasPrefix("Evaluation \(daisy) (label daisy): "))
        #expect(shell.standardOutput.contains("area under the precision/recall curve 0.750"))

        #expect(await shell.run("predict \(shell.directory.path)/flowers/test/daisy/0.png", in: session) == 1)
        #expect(shell.standardError.contains("is not deployed: on Vertex AI predictions go through an endpoint"))
        #expect(await shell.run("model deploy --nodes 2\nwatch", in: session) == 0, "\(shell.standardError)")
        let endpoints = try await shell.vertex.listEndpoints(in: shell.location).collect()
        #expect(endpoints.map(\.displayName) == ["m1"], "an endpoint named after the model")
        #expect(endpoints.first?.deployedModels.first?.automaticResources?.minReplicaCount == 2)
        #expect(try await shell.vertex.getModel(modelName).deployedModels.count == 1)
        shell.clearOutput()
        #expect(await shell.run("model deploy", in: session) == 1)
        #expect(shell.standardError.contains("is deployed already"))
        #expect(await shell.run("model undeploy\nwatch", in: session) == 0, "\(shell.standardError)")
        #expect(try await shell.vertex.getModel(modelName).deployedModels.isEmpty)
        #expect(await shell.run("model deploy\nwatch", in: session) == 0, "\(shell.standardError)")
        #expect(
            try await shell.vertex.listEndpoints(in: shell.location).collect().count == 1,
            "the model's endpoint is used again")
        #expect(await shell.run("model undeploy\nwatch", in: session) == 0)
        shell.clearOutput()
        #expect(await shell.run("operations --works-on \(model) --format value(name)", in: session) == 0)
        let worksOn = shell.standardOutput.split(separator: "\n")
        #expect(worksOn.filter { $0.contains("/trainingPipelines/") }.count == 1, "\(shell.standardOutput)")
        #expect(
            worksOn.filter { $0.contains("/endpoints/") }.count == 2,
            "both finished deploys (the undeploys do not name the model): \(shell.standardOutput)")

        shell.clearOutput()
        #expect(await shell.run("model export gs://automl-shell/m1 --model-format tflite", in: session) == 1)
        #expect(shell.standardError.contains("exports as torchscript, not tflite"))
        #expect(await shell.run("batch-predict gs://b/list.csv --output gs://b/out", in: session) == 1)
        #expect(shell.standardError.contains("batch-predict is not available on Vertex AI"))

        shell.clearOutput()
        #expect(await shell.run("model delete --quiet\nwatch\nmodels", in: session) == 0, "\(shell.standardError)")
        #expect(session.context.model == nil)
        #expect(try await shell.vertex.listModels(in: shell.location).collect().isEmpty)
    }

    @Test func aDetectionDatasetImportsBoxesAndTrainsADetectionPipeline() async throws {
        let shell = try await ShellHarness(trainer: VertexShellSupport.trainer())
        let session = shell.session(persists: false)
        let folder = shell.directory.appendingPathComponent("boxes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rows: [String] = []
        for number in 0..<12 {
            try TestImages.png(width: 32, height: 32, color: (UInt8(20 * number), 10, 10)).write(
                to: folder.appendingPathComponent("\(number).png"))
            let split = number < 8 ? "TRAIN" : number < 10 ? "VALIDATION" : "TEST"
            rows.append("\(split),\(number).png,car,0.1,0.1,,,0.6,0.6,,")
        }
        let csv = folder.appendingPathComponent("labels.csv")
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: csv)
        let status = await shell.run(
            """
            use endpoint vertex:local
            dataset create boxes --type detection
            dataset import \(csv.path)
            watch
            train --budget 20 --name b1
            watch
            """, in: session)
        #expect(status == 0, "\(shell.standardError)")
        let dataset = try #require(session.context.dataset)
        let name = try VertexDatasetName(parsing: "\(shell.location)/datasets/\(dataset)")
        #expect(try await shell.vertex.getDataset(name).dataItemCount == 12)
        let reference = try #require(session.variables.values["operation_createModel_b1"])
        let pipeline = try await pipeline(shell, reference)
        #expect(pipeline.trainingTaskDefinition == VertexSchema.Training.objectDetection)
        #expect(pipeline.trainingTaskInputs["modelType"]?.stringValue == "CLOUD_HIGH_ACCURACY_1")
        #expect(pipeline.state == .succeeded, "\(String(describing: pipeline.error))")
        #expect(session.context.model != nil)
    }

    @Test func helpVertexShowsEveryRowAndDocsHaveTheSameRows() throws {
        let text = VertexHelp.text(width: 100)
        for row in VertexHelp.rows { #expect(text.contains(row.command)) }
        for line in text.split(separator: "\n") { #expect(line.count <= 100) }
        let docs = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../../docs/vertex.md"), encoding: .utf8)
        for row in VertexHelp.rows {
            let cell = row.command.replacingOccurrences(of: "|", with: "\\|")
            #expect(docs.contains("| `\(cell)` |"), "docs/vertex.md lacks \(row.command)")
        }
    }
}

/// Strings appended from any thread.
final class LockedStrings: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ text: String) { storage.withLock { $0.append(text) } }
    var values: [String] { storage.withLock { $0 } }
}
