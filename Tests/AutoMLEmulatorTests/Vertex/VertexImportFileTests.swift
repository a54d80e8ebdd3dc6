import AutoMLWire
import Testing

@testable import AutoMLEmulator

/// Vertex AI import files read into the v1 rows: JSON Lines of each schema, CSV with Vertex AI's ML_USE words and
/// box rows without one, and the lines that are refused with their line number.
@Suite struct VertexImportFileTests {
    func file(_ kind: VertexAnnotationKind, _ uri: String = "gs://b/i.jsonl", defaultUse: MLUse? = nil)
        -> VertexImportFile
    {
        VertexImportFile(uri: uri, kind: kind, defaultMLUse: defaultUse, allowsLocalPaths: false)
    }

    @Test func singleLabelLinesKeepTheirSplitAndTakeTheDefaultOtherwise() {
        let text = """
            {"imageGcsUri": "gs://bkt/a.png", "classificationAnnotation": {"displayName": "daisy"}, "dataItemResourceLabels": {"aiplatform.googleapis.com/ml_use": "test"}}

            {"imageGcsUri": "gs://bkt/b.png", "classificationAnnotation": {"displayName": "tulip"}}
            {"imageGcsUri": "gs://bkt/c.png"}
            """
        let result = file(.singleLabel, defaultUse: .train).parse(text)
        #expect(result.errors.isEmpty)
        #expect(result.examples.map(\.path) == ["gs://bkt/a.png", "gs://bkt/b.png", "gs://bkt/c.png"])
        #expect(result.examples.map(\.mlUse) == [.test, .train, .train])
        #expect(result.examples.map(\.labels) == [["daisy"], ["tulip"], []])
    }

    @Test func multiLabelAndBoxesWithNumbersOrNumericStrings() {
        let multi = file(.multiLabel).parse(
            #"{"imageGcsUri": "gs://bkt/a.png", "classificationAnnotations": [{"displayName": "daisy"}, {"displayName": "closeup"}]}"#
        )
        #expect(multi.examples.first?.labels == ["daisy", "closeup"])
        #expect(multi.examples.first?.mlUse == .unassigned)
        let boxes = file(.boundingBox).parse(
            #"{"imageGcsUri": "gs://bkt/a.png", "boundingBoxAnnotations": [{"displayName": "Tomato", "xMin": 0.3, "yMin": "0.3", "xMax": 0.7, "yMax": 1}]}"#
        )
        #expect(boxes.errors.isEmpty)
        let box = boxes.examples.first?.boxes.first
        #expect(box == ImportedBox(label: "Tomato", xMin: 0.3, yMin: 0.3, xMax: 0.7, yMax: 1))
    }

    @Test func csvBoxRowsMayLeaveOutMLUseAndVertexWordsAreRead() {
        let boxes = file(.boundingBox, "gs://b/i.csv").parse(
            "training,gs://bkt/a.png,Tomato,0.1,0.2,,,0.5,0.6,,\ngs://bkt/b.png,Salad,0.5,0.7,0.8,0.7,0.8,0.8,0.5,0.8\n"
        )
        #expect(boxes.errors.isEmpty)
        #expect(boxes.examples.map(\.mlUse) == [.train, .unassigned])
        let labels = file(.singleLabel, "gs://b/i.csv").parse("validation,gs://bkt/a.png,daisy\ngs://bkt/b.png\n")
        #expect(labels.examples.map(\.mlUse) == [.validation, .unassigned])
    }

    @Test func badLinesAreRefusedWithTheirNumbers() {
        let text = """
            {"imageGcsUri": "gs://bkt/a.png", "classificationAnnotation": {"displayName": "daisy"}}
            {not json
            ["a list"]
            {"classificationAnnotation": {"displayName": "daisy"}}
            {"imageGcsUri": "gs://bkt/e.png", "classificationAnnotation": {"displayName": "bad label!"}}
            {"imageGcsUri": "gs://bkt/f.png", "dataItemResourceLabels": {"aiplatform.googleapis.com/ml_use": "sometimes"}}
            {"imageGcsUri": "gs://bkt/g.png", "classificationAnnotations": [{"displayName": "a"}, {"displayName": "b"}]}
            """
        let result = file(.singleLabel).parse(text)
        #expect(result.examples.map(\.path) == ["gs://bkt/a.png"])
        #expect(result.errors.map(\.rowNumber) == [2, 3, 4, 5, 6, 7])
        #expect(result.errors[0].detail.contains("not JSON"))
        #expect(result.errors[2].detail.contains("imageGcsUri is missing"))
        #expect(result.errors[4].detail.contains("training, validation or test"))
        #expect(
            result.errors[5].detail.contains("\"classificationAnnotations\" is not a member of a single-label line"))
    }
}
