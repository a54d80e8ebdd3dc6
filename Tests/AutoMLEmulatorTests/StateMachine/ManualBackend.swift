import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation

/// The local backend on a manual clock, driven through the real client over the in-process transport.
struct ManualBackend {
    let emulator: Emulator
    let clock: ManualClock
    let client: AutoMLClient
    let directory: URL
    let location = LocationName(validatedSegments: ["p", "us-central1"])

    /// A node hour is 10 s of clock time; deploys take 2 s.
    static let nodeHour = Duration.seconds(10)

    static func start(
        trainer: any Trainer = ScriptedTrainer(), directory: URL? = nil, clock: ManualClock = ManualClock(),
        faults: String? = nil
    ) async throws -> ManualBackend {
        let folder = try directory ?? makeTemporaryDirectory()
        let configuration = EmulatorConfiguration(
            dataDirectory: folder, nodeHour: nodeHour, deployDuration: .seconds(2))
        let emulator = try await Emulator.start(
            configuration: configuration, clock: clock, trainer: trainer,
            faults: faults)
        let client = AutoMLClient(
            configuration: .init(endpoint: "http://local", retry: .disabled),
            transport: EmulatorTransport(emulator: emulator))
        return ManualBackend(emulator: emulator, clock: clock, client: client, directory: folder)
    }

    var gcsRoot: URL { emulator.configuration.gcsRoot }

    /// A classification dataset with the given labels imported (`perLabel` images each).
    func dataset(
        labels: [String] = ["daisy", "tulip"], perLabel: Int = 10, multiLabel: Bool = false,
        csvName: String = "import.csv"
    ) async throws -> DatasetName {
        var dataset = Dataset()
        dataset.displayName = "flowers"
        dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
            classificationType: multiLabel ? .multilabel : .multiclass)
        let created = try await client.createDataset(in: location, dataset)
        let name = try DatasetName(parsing: try AutoMLClient.result(of: created, as: Dataset.self).name)
        try await importImages(into: name, labels: labels, perLabel: perLabel, csvName: csvName)
        return name
    }

    /// Imports generated images into a dataset and waits for the import.
    func importImages(into name: DatasetName, labels: [String], perLabel: Int, csvName: String = "import.csv")
        async throws
    {
        let csv = try TestImages.classificationDataset(
            in: gcsRoot, labels: labels, perLabel: perLabel, csvName: csvName)
        let operation = try await client.importData(into: name, InputConfig(gcsSource: GcsSource(inputUris: [csv])))
        _ = try await settle(operation)
    }

    /// Starts training a classification model.
    func train(
        _ dataset: DatasetName, budget: Int64 = 8000, modelType: String = "cloud", baseModelId: String = "",
        disableEarlyStopping: Bool = false
    ) async throws -> LongRunningOperation {
        var model = Model()
        model.displayName = "m1"
        model.datasetId = dataset.dataset
        var metadata = ImageClassificationModelMetadata()
        metadata.trainBudgetMilliNodeHours = budget
        metadata.modelType = modelType
        metadata.baseModelId = baseModelId
        if disableEarlyStopping { metadata.unknownFields["disableEarlyStopping"] = .bool(true) }
        model.imageClassificationModelMetadata = metadata
        return try await client.createModel(in: location, model)
    }

    /// The operation's current state.
    func state(_ operation: LongRunningOperation) async throws -> LongRunningOperation {
        try await client.getOperation(try OperationName(parsing: operation.name))
    }

    /// Moves the clock in steps until the operation is done; returns it done.
    func settle(_ operation: LongRunningOperation, step: Duration = .seconds(1)) async throws -> LongRunningOperation {
        var current = operation
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while !current.done {
            guard clock.now < deadline else { throw TestFailure("\(operation.name) did not finish") }
            self.clock.advance(by: step)
            try await Task.sleep(for: .milliseconds(2))
            current = try await state(operation)
        }
        return current
    }

    /// Moves the clock `count` times by `step`, each time after some task sleeps on it, so that every step
    /// reaches a runner (one `advance` wakes a sleeper once; the runner then sleeps again from the new time).
    func advance(steps count: Int, by step: Duration) async throws {
        for _ in 0..<count {
            try await waitForSleeper()
            clock.advance(by: step)
        }
    }

    /// Waits (wall time) until the runner of an operation is sleeping on the clock, so an `advance` reaches it.
    func waitForSleeper() async throws {
        guard await eventually({ clock.sleeperCount > 0 }) else { throw TestFailure("nothing sleeps on the clock") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("automl-emulator-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
