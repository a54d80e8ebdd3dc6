import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// The local backend training for real (libtorch, in `automl-trainer`) on generated shapes, with the
/// default node hour (5 s), so each test spends the minimum budget of its task in wall time.
@Suite(.serialized) struct RealTrainingTests {
    /// Stated in docs/emulator.md: single-label classification of 4 shapes in random colours on noisy
    /// backgrounds reaches at least this held-out (TEST) accuracy with the minimum budget of 8 node hours.
    static let statedClassificationAccuracy: Float = 0.8
    /// Stated in docs/emulator.md: detection of the same shapes reaches at least this mAP at IoU 0.5 with the
    /// minimum budget of 20 node hours.
    static let statedDetectionMAP: Float = 0.3

    @Test func classifierReachesItsStatedAccuracyAndPredictionsAgreeWithTheEvaluation() async throws {
        let backend = try await RealBackend.start()
        defer { Task { await backend.emulator.shutdown() } }
        let summary = try backend.demoData(imagesPerClass: 200, detectionImages: 0)
        let classification = try #require(summary.classification)
        let dataset = try await backend.dataset(detection: false, csv: classification.csvReference)
        let model = try await backend.trained(try await backend.train(dataset, detection: false, budget: 8_000))
        let metadata = try #require(model.imageClassificationModelMetadata)
        #expect(["BUDGET_REACHED", "MODEL_CONVERGED"].contains(metadata.stopReason))
        #expect(metadata.trainCostMilliNodeHours > 0 && metadata.trainCostMilliNodeHours <= 8_000)

        let evaluations = try await backend.evaluations(model)
        #expect(evaluations.count == 5, "one overall evaluation and one per label")
        let overall = try #require(evaluations.first { $0.annotationSpecId.isEmpty })
        let testImages = try backend.testImages(of: classification)
        #expect(overall.evaluatedExampleCount == Int32(testImages.count))
        let metrics = try #require(overall.classificationEvaluationMetrics)
        let atZero = try #require(metrics.confidenceMetricsEntry.first { $0.confidenceThreshold == 0 })
        #expect(atZero.recallAt1 >= Self.statedClassificationAccuracy, "held-out accuracy \(atZero.recallAt1)")
        #expect(metrics.auPrc > 0.5)

        // The deployed model answers each TEST image as the evaluation says it did.
        let name = try ModelName(parsing: model.name)
        _ = try await backend.client.wait(
            for: try OperationName(parsing: try await backend.client.deployModel(name).name),
            as: Empty.self, policy: RealBackend.polling)
        var correct = 0
        for image in testImages {
            let response = try await backend.client.predict(
                name, payload: ExamplePayload(image: Image(imageBytes: try Data(contentsOf: image.file))),
                params: ["score_threshold": "0"])
            let best = try #require(response.payload.first, "every label scores at least 0")
            #expect(response.payload.count == 4)
            if best.displayName == image.label { correct += 1 }
        }
        let served = Float(correct) / Float(testImages.count)
        #expect(
            abs(served - atZero.recallAt1) <= 1.5 / Float(testImages.count),
            "served accuracy \(served) vs evaluated \(atZero.recallAt1)")

        try await batchPredictionMatchesOnlinePrediction(backend, name, testImages: testImages, correct: correct)
        try await exportWritesTorchScript(backend, name)
    }

    /// BatchPredict over the TEST images (and one missing file) writes one line per image, and the errors file.
    private func batchPredictionMatchesOnlinePrediction(
        _ backend: RealBackend, _ name: ModelName,
        testImages: [(file: URL, label: String)], correct: Int
    ) async throws {
        let root = backend.emulator.configuration.gcsRoot
        let uris = testImages.map { "gs://" + $0.file.path.dropFirst(root.path.count + 1) } + ["gs://demo/missing.jpg"]
        try uris.joined(separator: "\n").write(
            to: root.appendingPathComponent("demo/batch.csv"), atomically: true,
            encoding: .utf8)
        var request = BatchPredictRequest()
        request.inputConfig = BatchPredictInputConfig(gcsSource: GcsSource(inputUris: ["gs://demo/batch.csv"]))
        request.outputConfig = BatchPredictOutputConfig(
            gcsDestination: GcsDestination(outputUriPrefix: "gs://demo/out"))
        request.params = ["score_threshold": "0"]
        let started = try await backend.client.batchPredict(name, request)
        let operationName = try OperationName(parsing: started.name)
        _ = try await backend.client.wait(for: operationName, as: BatchPredictResult.self, policy: RealBackend.polling)
        let done = try await backend.client.getOperation(operationName)
        let folder = try #require(done.automlMetadata?.batchPredictDetails?.outputInfo?.gcsOutputDirectory)
        #expect(folder.hasPrefix("gs://demo/out/prediction-shapes_model-"))
        let local = root.appendingPathComponent(String(folder.dropFirst("gs://".count)))
        let lines = try String(
            contentsOf: local.appendingPathComponent("image_classification_1.jsonl"), encoding: .utf8
        )
        .split(separator: "\n")
        #expect(lines.count == testImages.count)
        var agreeing = 0
        for (line, image) in zip(lines, testImages) {
            let object = try #require(try JSONValue(parsing: Array(line.utf8)).objectValue)
            let best = object["annotations"]?.arrayValue?.first?["displayName"]?.stringValue
            if best == image.label { agreeing += 1 }
        }
        #expect(agreeing == correct, "batch and online predictions agree")
        let errors = try String(contentsOf: local.appendingPathComponent("errors_1.jsonl"), encoding: .utf8)
        #expect(errors.contains("gs://demo/missing.jpg") && errors.split(separator: "\n").count == 1)
    }

    private func exportWritesTorchScript(_ backend: RealBackend, _ name: ModelName) async throws {
        var config = ModelExportOutputConfig()
        config.gcsDestination = GcsDestination(outputUriPrefix: "gs://demo/export")
        config.modelFormat = "tflite"
        await #expect(throws: AutoMLError.self) { _ = try await backend.client.exportModel(name, to: config) }
        config.modelFormat = "torchscript"
        let started = try await backend.client.exportModel(name, to: config)
        let operationName = try OperationName(parsing: started.name)
        _ = try await backend.client.wait(for: operationName, as: Empty.self, policy: RealBackend.polling)
        let folder = try #require(
            try await backend.client.getOperation(operationName)
                .automlMetadata?.exportModelDetails?.outputInfo?.gcsOutputDirectory)
        let local = backend.emulator.configuration.gcsRoot.appendingPathComponent(
            String(folder.dropFirst("gs://".count)))
        #expect(FileManager.default.fileExists(atPath: local.appendingPathComponent("model.pt").path))
        let description = try JSONValue(parsing: try Data(contentsOf: local.appendingPathComponent("model.json")))
        #expect(description["labels"]?.arrayValue?.count == 4)
        #expect(description["weightsFile"]?.stringValue == "model.pt")
    }

    @Test func detectorReachesItsStatedMeanAveragePrecision() async throws {
        let backend = try await RealBackend.start()
        defer { Task { await backend.emulator.shutdown() } }
        let summary = try backend.demoData(imagesPerClass: 0, detectionImages: 400)
        let detection = try #require(summary.detection)
        let dataset = try await backend.dataset(detection: true, csv: detection.csvReference)
        let model = try await backend.trained(try await backend.train(dataset, detection: true, budget: 20_000))
        #expect(model.imageObjectDetectionModelMetadata?.trainCostMilliNodeHours ?? 0 <= 20_000)
        let overall = try #require(try await backend.evaluations(model).first { $0.annotationSpecId.isEmpty })
        let metrics = try #require(overall.imageObjectDetectionEvaluationMetrics)
        let atHalf = try #require(metrics.boundingBoxMetricsEntries.first { abs($0.iouThreshold - 0.5) < 1e-6 })
        #expect(atHalf.meanAveragePrecision >= Self.statedDetectionMAP, "mAP@0.5 \(atHalf.meanAveragePrecision)")

        let name = try ModelName(parsing: model.name)
        _ = try await backend.client.wait(
            for: try OperationName(parsing: try await backend.client.deployModel(name).name),
            as: Empty.self, policy: RealBackend.polling)
        let image = try #require(try backend.testImages(of: detection).first)
        let response = try await backend.client.predict(
            name, payload: ExamplePayload(image: Image(imageBytes: try Data(contentsOf: image.file))),
            params: ["score_threshold": "0.2", "max_bounding_box_count": "5"])
        #expect(response.payload.count <= 5)
        for box in response.payload {
            let vertices = try #require(box.imageObjectDetection?.boundingBox?.normalizedVertices)
            #expect(vertices.count == 2 && vertices[0].x <= vertices[1].x && vertices[0].y <= vertices[1].y)
            #expect((box.imageObjectDetection?.score ?? 0) >= 0.2)
        }
        #expect(response.metadata["max_bounding_box_count"] == "5")
    }

    @Test func cancelStopsTheWorkerAndLeavesNoModel() async throws {
        let backend = try await RealBackend.start()
        defer { Task { await backend.emulator.shutdown() } }
        let summary = try backend.demoData(imagesPerClass: 40, detectionImages: 0)
        let dataset = try await backend.dataset(
            detection: false, csv: try #require(summary.classification).csvReference)
        let operation = try await backend.train(dataset, detection: false, budget: 100_000)
        let name = try OperationName(parsing: operation.name)
        #expect(
            await eventually(timeout: .seconds(60)) {
                ((try? await backend.client.getOperation(name))?.automlMetadata?.progressPercent ?? 0) > 0
            },
            "the worker reports progress")
        try await backend.client.cancelOperation(name)
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.wait(for: name, as: Model.self, policy: RealBackend.polling)
        }
        #expect(error?.code == .cancelled)
        var models = 0
        for try await _ in backend.client.listModels(in: backend.location) { models += 1 }
        #expect(models == 0)
    }

    @Test func aWorkerThatCrashesEndsTheOperationWithAClearError() async throws {
        let script = try makeTemporaryDirectory().appendingPathComponent("crashing-trainer")
        try """
        #!/bin/sh
        echo '{"type":"progress","progress":{"spentMilliNodeHours":10,"percent":1,"note":"starting"}}'
        echo 'about to crash' >&2
        kill -SEGV $$
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let trainer = WorkerTrainer(locator: WorkerLocator(environment: ["AUTOML_TRAINER": script.path]))
        let backend = try await RealBackend.start(trainer: trainer)
        defer { Task { await backend.emulator.shutdown() } }
        let summary = try backend.demoData(imagesPerClass: 10, detectionImages: 0)
        let dataset = try await backend.dataset(
            detection: false, csv: try #require(summary.classification).csvReference)
        let operation = try await backend.train(dataset, detection: false, budget: 8_000)
        let error = await #expect(throws: AutoMLError.self) { _ = try await backend.trained(operation) }
        #expect(error?.message.contains("killed by signal 11") == true, "\(String(describing: error?.message))")
        #expect(error?.message.contains("about to crash") == true)
    }
}
