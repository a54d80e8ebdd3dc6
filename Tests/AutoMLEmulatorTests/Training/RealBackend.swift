import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation

/// The local backend on the system clock with the real trainer worker (`automl-trainer`, found next to the
/// test binary), and demo data generated into its GCS folder.
struct RealBackend {
    let emulator: Emulator
    let client: AutoMLClient
    let location = LocationName(validatedSegments: ["p", "us-central1"])
    /// Polls once a second; no operation here runs longer than a few minutes.
    static let polling = PollPolicy(
        initialDelay: .milliseconds(200), multiplier: 1.5, maxDelay: .seconds(1),
        timeout: .seconds(600))

    static func start(nodeHour: Duration = .seconds(5), trainer: any Trainer = WorkerTrainer()) async throws
        -> RealBackend
    {
        let folder = try makeTemporaryDirectory()
        let configuration = EmulatorConfiguration(dataDirectory: folder, nodeHour: nodeHour, deployDuration: .zero)
        let emulator = try await Emulator.start(configuration: configuration, trainer: trainer)
        let client = AutoMLClient(
            configuration: .init(endpoint: "http://local", retry: .disabled),
            transport: EmulatorTransport(emulator: emulator))
        return RealBackend(emulator: emulator, client: client)
    }

    /// Generated shapes: a classification CSV and a detection CSV under gs://demo.
    func demoData(imagesPerClass: Int, detectionImages: Int, seed: UInt64 = 7) throws -> DemoDataSummary {
        let destination = try DemoDataDestination.bucketFolder("gs://demo", gcsRoot: emulator.configuration.gcsRoot)
        return try DemoDataGenerator(
            seed: seed, imageSize: 96, classCount: 4, imagesPerClass: imagesPerClass,
            detectionImageCount: detectionImages
        ).generate(into: destination)
    }

    func dataset(detection: Bool, csv: String) async throws -> DatasetName {
        var dataset = Dataset()
        dataset.displayName = detection ? "shapes_boxes" : "shapes"
        if detection {
            dataset.imageObjectDetectionDatasetMetadata = ImageObjectDetectionDatasetMetadata()
        } else {
            dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
                classificationType: .multiclass)
        }
        let created = try await client.createDataset(in: location, dataset)
        let name = try DatasetName(parsing: try AutoMLClient.result(of: created, as: Dataset.self).name)
        let operation = try await client.importData(into: name, InputConfig(gcsSource: GcsSource(inputUris: [csv])))
        _ = try await client.wait(for: try OperationName(parsing: operation.name), as: Empty.self, policy: Self.polling)
        return name
    }

    func train(_ dataset: DatasetName, detection: Bool, budget: Int64) async throws -> LongRunningOperation {
        var model = Model()
        model.displayName = "shapes_model"
        model.datasetId = dataset.dataset
        if detection {
            var metadata = ImageObjectDetectionModelMetadata()
            metadata.trainBudgetMilliNodeHours = budget
            model.imageObjectDetectionModelMetadata = metadata
        } else {
            var metadata = ImageClassificationModelMetadata()
            metadata.trainBudgetMilliNodeHours = budget
            model.imageClassificationModelMetadata = metadata
        }
        return try await client.createModel(in: location, model)
    }

    func trained(_ operation: LongRunningOperation) async throws -> Model {
        try await client.wait(for: try OperationName(parsing: operation.name), as: Model.self, policy: Self.polling)
    }

    func evaluations(_ model: Model) async throws -> [ModelEvaluation] {
        var all: [ModelEvaluation] = []
        for try await evaluation in client.listModelEvaluations(of: try ModelName(parsing: model.name)) {
            all.append(evaluation)
        }
        return all
    }

    /// The TEST rows of a generated CSV: image file and labels (classification) in CSV order.
    func testImages(of summary: DemoDataSummary.Dataset) throws -> [(file: URL, label: String)] {
        let text = try String(contentsOf: summary.csvFile, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[0] == "TEST" else { return nil }
            let relative = fields[1].replacingOccurrences(of: "gs://", with: "")
            return (emulator.configuration.gcsRoot.appendingPathComponent(relative), fields[2])
        }
    }
}
