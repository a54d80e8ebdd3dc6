import AutoMLClient
import Testing

@testable import AutoMLShell

/// Golden files for every format over realistic results (see `RenderingFixtures`); `RECORD_SNAPSHOTS=1`
/// re-records them.
@Suite("Renderer snapshots")
struct RendererSnapshotTests {
    typealias F = RenderingFixtures

    private func snapshot(
        _ value: JSONValue, _ format: OutputFormat, colors: Bool = false, width: Int = 100,
        named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = Renderer.render(value, format: format, colors: colors, width: width)
        assertSnapshot(text, named: name, sourceLocation: sourceLocation)
    }

    @Test func modelList() {
        let models = F.json(F.models)
        snapshot(models, .json, named: "models.json")
        snapshot(models, .json, colors: true, named: "models.colors.json")
        snapshot(models, .yaml, named: "models.yaml")
        snapshot(models, .table, named: "models.table.txt")
        snapshot(models, .table, width: 72, named: "models.table-72.txt")
        snapshot(
            models,
            .value([
                "name:id", "displayName", "imageClassificationModelMetadata.trainCostMilliNodeHours",
                "deploymentState",
            ]), named: "models.value.txt")
    }

    @Test func finishedTrainingOperation() {
        let operation = F.json(F.trainingDone)
        snapshot(operation, .json, named: "operation.json")
        snapshot(operation, .yaml, named: "operation.yaml")
        snapshot(operation, .yaml, colors: true, named: "operation.colors.yaml")
        snapshot(operation, .table, named: "operation.table.txt")
        snapshot(
            operation,
            .value([
                "name:id", "done", "metadata.progressPercent", "response.name:id",
                "response.imageClassificationModelMetadata.stopReason",
            ]),
            named: "operation.value.txt")
    }

    @Test func operationList() {
        let operations = F.json(F.operations)
        snapshot(operations, .table, named: "operations.table.txt")
        snapshot(
            operations, .value(["name:id", "metadata.progressPercent", "error.code", "error.message"]),
            named: "operations.value.txt")
    }

    @Test func dataset() {
        let dataset = F.json(F.flowersDataset)
        snapshot(dataset, .json, named: "dataset.json")
        snapshot(dataset, .yaml, named: "dataset.yaml")
        snapshot(dataset, .table, named: "dataset.table.txt")
        snapshot(F.json(F.datasets), .table, named: "datasets.table.txt")
    }

    @Test func evaluation() {
        let evaluation = F.json(F.overallEvaluation)
        snapshot(evaluation, .json, named: "evaluation.json")
        snapshot(evaluation, .yaml, named: "evaluation.yaml")
        snapshot(evaluation, .table, named: "evaluation.table.txt")
        snapshot(
            evaluation,
            .value([
                "name:id", "classificationEvaluationMetrics.auPrc",
                "classificationEvaluationMetrics.confidenceMetricsEntry[2].recall",
                "classificationEvaluationMetrics.confusionMatrix.displayName",
            ]),
            named: "evaluation.value.txt")
        snapshot(F.json(F.evaluations), .table, named: "evaluations.table.txt")
    }
}
