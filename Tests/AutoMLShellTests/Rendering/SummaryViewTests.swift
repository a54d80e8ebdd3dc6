import AutoMLClient
import Foundation
import Testing

@testable import AutoMLShell

/// `evaluations`, `models` and `model diff` on a terminal: golden files at 80 and 120 columns, with and without
/// colour (`RECORD_SNAPSHOTS=1` re-records them), and the figures they read.
@Suite("Summary views")
struct SummaryViewTests {
    typealias F = RenderingFixtures

    static var labelledEvaluations: [ModelEvaluation] {
        [F.overallEvaluation]
            + [
                ("101", "daisy", Int32(125), Float(0.981)), ("102", "roses", 120, 0.944), ("103", "tulips", 122, 0.958),
            ].map {
                var evaluation = F.labelEvaluation(id: $0.0, spec: $0.0, label: $0.1, count: $0.2, auPrc: $0.3)
                evaluation.classificationEvaluationMetrics?.confidenceMetricsEntry = [
                    F.entry(0.3, recall: 0.99, precision: 0.8, tp: 10, fp: 2, fn: 0),
                    F.entry(0.5, recall: $0.3 - 0.05, precision: $0.3, tp: 9, fp: 1, fn: 1),
                ]
                return evaluation
            }
    }

    static var detectionEvaluation: ModelEvaluation {
        var metrics = ImageObjectDetectionEvaluationMetrics()
        metrics.evaluatedBoundingBoxCount = 212
        metrics.boundingBoxMetricsEntries = [(Float(0.5), Float(0.812)), (0.75, 0.455)].map {
            var entry = BoundingBoxMetricsEntry()
            entry.iouThreshold = $0.0
            entry.meanAveragePrecision = $0.1
            return entry
        }
        var evaluation = ModelEvaluation()
        evaluation.evaluatedExampleCount = 60
        evaluation.imageObjectDetectionEvaluationMetrics = metrics
        return evaluation
    }

    static let now = Date(timeIntervalSince1970: 1_709_300_000)

    private func record(_ name: String, _ render: (Int, Bool) -> String) {
        for width in [80, 120] {
            for colors in [false, true] {
                assertSnapshot(render(width, colors), named: "\(name)-\(width)\(colors ? ".colors" : "").txt")
            }
        }
    }

    @Test func evaluationsSummary() {
        let view = EvaluationSummaryView(figures: Self.labelledEvaluations.map(EvaluationFigures.init))
        record("evaluations.summary") { view.render(width: $0, colors: $1) }
        let detection = EvaluationSummaryView(figures: [EvaluationFigures(Self.detectionEvaluation)])
        record("evaluations.detection") { detection.render(width: $0, colors: $1) }
    }

    @Test func modelsSummary() {
        let models = F.models.model.enumerated().map { index, model in
            ModelFacts(
                model: F.json(model),
                figures: index == 2
                    ? EvaluationFigures(Self.detectionEvaluation) : EvaluationFigures(F.overallEvaluation))
        }
        let view = ModelsSummaryView(models: models, now: Self.now)
        record("models.summary") { view.render(width: $0, colors: $1) }
    }

    @Test func modelDiff() {
        var better = F.overallEvaluation
        better.classificationEvaluationMetrics?.auPrc = 0.97
        better.classificationEvaluationMetrics?.logLoss = 0.2
        let view = ModelDiffView(
            first: ModelFacts(model: F.json(F.flowersModel), figures: EvaluationFigures(F.overallEvaluation)),
            second: ModelFacts(model: F.json(F.resumedModel), figures: EvaluationFigures(better)))
        record("model.diff") { view.render(width: $0, colors: $1) }
        let rows = Dictionary(uniqueKeysWithValues: view.rows.map { ($0.field, $0) })
        #expect(rows["auPRC"]?.better == .second)
        #expect(rows["log loss"]?.better == .first, "lower log loss is better")
        #expect(rows["precision at 0.5"]?.better == nil, "equal figures mark neither")
        let json = view.json(first: F.json(F.flowersModel), second: F.json(F.resumedModel))
        #expect(json["models"]?.arrayValue?.count == 2)
        #expect(
            json["rows"]?.arrayValue?.contains { $0["field"] == .string("auPRC") && $0["better"] == .string("second") }
                == true)
    }

    @Test func errorsTable() {
        let misses = EvaluationErrorsTests.predictions().misses()
        let view = ErrorsView(misses: misses, label: nil, tested: 4)
        record("evaluation.errors") { view.render(width: $0, colors: $1) }
        #expect(
            ErrorsView(misses: [], label: "tulip", tested: 2).render(width: 80, colors: false)
                == "no errors: the model got all 2 images of tulip right\n")
    }

    @Test func figuresAreReadAtTheThresholdOfOneHalf() {
        let figures = EvaluationFigures(F.overallEvaluation)
        #expect(figures.label == nil)
        #expect(figures.precision.map { abs($0 - 0.94) < 1e-6 } == true)
        #expect(figures.recall.map { abs($0 - 0.93) < 1e-6 } == true)
        #expect(figures.testImages == 367)
        #expect(figures.headline.name == "auPRC")
        let detection = EvaluationFigures(Self.detectionEvaluation)
        #expect(detection.headline.name == "mAP@0.5")
        #expect(detection.meanAveragePrecision75.map { abs($0 - 0.455) < 1e-6 } == true)
        #expect(ModelFacts.age(of: Self.now.addingTimeInterval(-7200), now: Self.now) == "2 h")
        #expect(ModelFacts.nodeHours(4234) == "4.2")
    }
}
