import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// `model export --download`, `batch-predict --download` and `download`, on the built binary and its local server
/// (a model trained for real).
@Suite(.serialized) struct DownloadTests {
    @Test func exportsAndPredictionsAreFetchedWhenDone() throws {
        let harness = try BinaryHarness(nodeHourSeconds: 0.05)
        let flowers = try FolderImportTests.flowers(in: harness.home, perLabel: 10)
        let trained = try harness.run([
            "-c",
            "dataset create flowers; dataset import \(flowers.path); watch; train --dataset flowers --budget 8 --name f1; watch",
        ])
        #expect(trained.status == 0, "\(trained.err)")

        let exported = harness.home.appendingPathComponent("out/model")
        let export = try harness.run([
            "model", "export", "--model", "f1", "gs://automl-shell/exports/", "--model-format", "torchscript",
            "--download", exported.path,
        ])
        #expect(export.status == 0, "\(export.err)")
        #expect(export.err.contains("downloaded 2 files"))
        let files = try FileManager.default.contentsOfDirectory(atPath: exported.path).sorted()
        #expect(files == ["model.json", "model.pt"])
        #expect(export.out.contains("\"done\": true"), "the finished operation is the result")

        let batch = harness.gcsRoot.appendingPathComponent("automl-shell/batch.csv")
        try Data(
            """
            gs://automl-shell/imports/flowers/daisy/daisy0.png
            gs://automl-shell/imports/flowers/tulip/tulip0.png

            """.utf8
        ).write(to: batch)
        let predicted = harness.home.appendingPathComponent("out/predictions")
        let predict = try harness.run([
            "batch-predict", "gs://automl-shell/batch.csv", "--model", "f1", "--output",
            "gs://automl-shell/predictions/", "--download", predicted.path,
        ])
        #expect(predict.status == 0, "\(predict.err)")
        let results = try FileManager.default.contentsOfDirectory(atPath: predicted.path)
        let lines = try results.filter { $0.hasPrefix("image_classification") }.flatMap { name in
            try String(contentsOf: predicted.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
        }
        #expect(lines.count == 2)
        #expect(lines.contains { $0.contains("\"ID\":\"gs://automl-shell/imports/flowers/daisy/daisy0.png\"") })

        let one = try harness.run([
            "download", "gs://automl-shell/imports/flowers/import.csv", harness.home.appendingPathComponent("one").path,
        ])
        #expect(one.status == 0, "\(one.err)")
        #expect(FileManager.default.fileExists(atPath: harness.home.appendingPathComponent("one/import.csv").path))
        let nothing = try harness.run(["download", "gs://automl-shell/nothing/", harness.home.path])
        #expect(nothing.status == 1)
        #expect(nothing.err.contains("nothing is stored at gs://automl-shell/nothing/"))
    }

    @Test func objectNamesStayInsideTheFolder() throws {
        let folder = URL(fileURLWithPath: "/tmp/out")
        #expect(try ShellSession.localPath(for: "a/b.csv", under: folder).path == "/tmp/out/a/b.csv")
        #expect(throws: ShellError.self) { try ShellSession.localPath(for: "a/../../etc/passwd", under: folder) }
        #expect(throws: ShellError.self) { try ShellSession.localPath(for: "", under: folder) }
    }
}
