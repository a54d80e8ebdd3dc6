import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// `dataset import` of a folder and of a CSV on this machine, on the built binary: files checked, uploaded through
/// the Cloud Storage API, imported; a second run sends nothing.
@Suite(.serialized) struct FolderImportTests {
    /// `flowers/daisy/*.png`, `flowers/tulip/*.png`, a PNG cut short, a text file among the images and a file
    /// outside the label folders.
    static func flowers(in folder: URL, perLabel: Int = 6) throws -> URL {
        let root = folder.appendingPathComponent("flowers")
        for (index, label) in ["daisy", "tulip"].enumerated() {
            let labelFolder = root.appendingPathComponent(label)
            try FileManager.default.createDirectory(at: labelFolder, withIntermediateDirectories: true)
            for number in 0..<perLabel {
                let image = TestImages.png(color: (UInt8(60 + 90 * index), UInt8(20 + number * 9), 40))
                try image.write(to: labelFolder.appendingPathComponent("\(label)\(number).png"))
            }
        }
        try TestImages.png(color: (1, 2, 3)).prefix(40).write(to: root.appendingPathComponent("daisy/cut.png"))
        try Data("tulips are red\n".utf8).write(to: root.appendingPathComponent("tulip/notes.txt"))
        try Data("about these flowers\n".utf8).write(to: root.appendingPathComponent("README"))
        return root
    }

    @Test func aFolderIsCheckedUploadedAndImportedOverHTTPAndARerunSendsNothing() throws {
        let harness = try BinaryHarness()
        let gcs = harness.home.appendingPathComponent("server-gcs")
        let server = try EmulatorProcess.start([
            "--data-dir", harness.home.appendingPathComponent("server").path, "--gcs-root", gcs.path,
        ])
        defer { server.stop(signal: SIGTERM) }
        let flowers = try Self.flowers(in: harness.home)
        let scope = ["--endpoint", server.baseURL, "--project", "p"]
        let first = try harness.run(
            scope + [
                "-c", "dataset create flowers; dataset import \(flowers.path) --split 80/10/10; watch; dataset get",
            ])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.err.contains("skipping 3 files of flowers:"))
        #expect(first.err.contains("daisy/cut.png: a PNG cut short"))
        #expect(first.err.contains("tulip/notes.txt: a text file, not an image"))
        #expect(first.err.contains("flowers/README: not in a label folder"))
        #expect(first.err.contains("uploaded 12 files"))
        #expect(first.err.contains("to gs://automl-shell/imports/flowers/"))
        #expect(first.out.contains("\"exampleCount\": 12"))
        let uploaded = gcs.appendingPathComponent("automl-shell/imports/flowers")
        let csv = try String(contentsOf: uploaded.appendingPathComponent("import.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 12)
        #expect(rows.allSatisfy { $0.hasPrefix("TRAIN,") || $0.hasPrefix("VALIDATION,") || $0.hasPrefix("TEST,") })
        #expect(
            rows.contains(
                "\(rows[0].split(separator: ",")[0]),gs://automl-shell/imports/flowers/daisy/daisy0.png,daisy"))
        #expect(FileManager.default.fileExists(atPath: uploaded.appendingPathComponent("tulip/tulip5.png").path))
        #expect(!FileManager.default.fileExists(atPath: uploaded.appendingPathComponent("tulip/notes.txt").path))

        let again = try harness.run(
            scope + [
                "-c", "dataset import \(flowers.path) --dataset flowers --split 80/10/10; watch; dataset get flowers",
            ])
        #expect(again.status == 0, "\(again.err)")
        #expect(again.err.contains("uploaded 0 files to gs://automl-shell/imports/flowers/"))
        #expect(again.err.contains("12 were there already"))
        #expect(again.out.contains("\"exampleCount\": 12"))
        #expect(try String(contentsOf: uploaded.appendingPathComponent("import.csv"), encoding: .utf8) == csv)
    }

    @Test func splitFoldersAndALocalDetectionCSVOnTheDefaultBackend() throws {
        let harness = try BinaryHarness()
        let source = harness.home.appendingPathComponent("parts")
        for (split, count) in [("train", 4), ("val", 1), ("test", 1)] {
            let folder = source.appendingPathComponent("\(split)/bolt")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for number in 0..<count {
                try TestImages.png(color: (UInt8(number * 30), 90, 200)).write(
                    to: folder.appendingPathComponent("\(number).png"))
            }
        }
        let imported = try harness.run(["-c", "dataset create parts; dataset import \(source.path); watch; labels"])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(!imported.err.contains("warning"), "\(imported.err)")
        let staged = harness.gcsRoot.appendingPathComponent("automl-shell/imports/parts/import.csv")
        let rows = try String(contentsOf: staged, encoding: .utf8).split(separator: "\n")
        #expect(rows.filter { $0.hasPrefix("TRAIN,gs://automl-shell/imports/parts/train/bolt/") }.count == 4)
        #expect(rows.contains("VALIDATION,gs://automl-shell/imports/parts/val/bolt/0.png,bolt"))
        #expect(rows.contains("TEST,gs://automl-shell/imports/parts/test/bolt/0.png,bolt"))

        // A detection CSV beside its images, one path relative and one absolute, and a row already in storage.
        let boxes = harness.home.appendingPathComponent("boxes")
        try FileManager.default.createDirectory(
            at: boxes.appendingPathComponent("img"), withIntermediateDirectories: true)
        try TestImages.png(width: 32, height: 32, color: (200, 10, 10)).write(
            to: boxes.appendingPathComponent("img/a.png"))
        try TestImages.png(width: 32, height: 32, color: (10, 200, 10)).write(
            to: boxes.appendingPathComponent("img/b.png"))
        let csv = try harness.file(
            "boxes/labels.csv",
            """
            TRAIN,img/a.png,car,0.1,0.1,,,0.5,0.5,,
            TEST,\(boxes.path)/img/b.png,car,0.2,0.2,,,0.6,0.6,,
            TRAIN,img/missing.png,car,0.1,0.1,,,0.5,0.5,,

            """)
        let detection = try harness.run([
            "-c", "dataset create boxes --type detection; dataset import \(csv) --prefix uploads/boxes; watch",
        ])
        #expect(detection.status == 0, "\(detection.err)")
        #expect(detection.err.contains("img/missing.png: no such file"))
        #expect(detection.err.contains("uploaded 2 files"))
        let written = try String(
            contentsOf: harness.gcsRoot.appendingPathComponent("automl-shell/uploads/boxes/import.csv"), encoding: .utf8
        )
        #expect(
            written == """
                TRAIN,gs://automl-shell/uploads/boxes/img/a.png,car,0.1,0.1,,,0.5,0.5,,
                TEST,gs://automl-shell/uploads/boxes/img/b.png,car,0.2,0.2,,,0.6,0.6,,

                """)
    }

    @Test func badSourcesAreRefusedBeforeAnythingIsSent() throws {
        let harness = try BinaryHarness()
        let flowers = try Self.flowers(in: harness.home)
        _ = try harness.run(["dataset", "create", "flowers"])
        let cases: [([String], String)] = [
            (["dataset", "import", "--dataset", "flowers", harness.home.path + "/nowhere"], "no such file or folder"),
            (["dataset", "import", "--dataset", "flowers", flowers.path, "--split", "80/30/10"], "add up to 100"),
            (
                ["dataset", "import", "--dataset", "flowers", flowers.appendingPathComponent("daisy/daisy0.png").path],
                "is an image, not a CSV"
            ),
            (
                ["dataset", "import", "--dataset", "flowers", flowers.appendingPathComponent("daisy").path],
                "no label folders"
            ),
            (
                ["dataset", "import", "--dataset", "flowers", "gs://data/x.csv", "--prefix", "p"],
                "are for local folders"
            ),
        ]
        for (arguments, message) in cases {
            let result = try harness.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.err.contains(message), "\(arguments): \(result.err)")
        }
        #expect(
            !FileManager.default.fileExists(atPath: harness.gcsRoot.appendingPathComponent("automl-shell/imports").path)
        )
    }
}
