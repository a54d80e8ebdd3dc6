import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// What the shell does through the Cloud Storage API, on the built binary against a local backend over HTTP (as it
/// would against Google): label counts and the training check.
@Suite(.serialized) struct StorageWorkflowTests {
    @Test func labelsAndTheTrainingCheckWorkOverHTTP() throws {
        let harness = try BinaryHarness()
        let gcs = harness.home.appendingPathComponent("server-gcs")
        let server = try EmulatorProcess.start([
            "--data-dir", harness.home.appendingPathComponent("server").path,
            "--gcs-root", gcs.path,
        ])
        defer { server.stop(signal: SIGTERM) }
        let csv = try TestImages.classificationDataset(in: gcs, labels: ["daisy", "tulip"], perLabel: 6)
        let scope = ["--endpoint", server.baseURL, "--project", "p"]
        let counted = try harness.run(scope + ["-c", "dataset create flowers; dataset import \(csv); watch; labels"])
        #expect(counted.status == 0, "\(counted.err)")
        let labels = try #require(
            counted.out.range(of: "{\n  \"advice\"").map { String(counted.out[$0.lowerBound...]) })
        #expect(labels.contains("\"label\": \"daisy\""))
        #expect(labels.contains("\"total\": 6"))
        #expect(labels.contains("label tulip has 6 image(s); the minimum is 10"))
        let staged = gcs.appendingPathComponent("automl-shell/automl-shell")
        #expect(
            (try? FileManager.default.contentsOfDirectory(atPath: staged.path)) ?? [] == [],
            "the export the counts were read from is removed")

        let refused = try harness.run(scope + ["train", "--dataset", "flowers", "--budget", "8"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("label daisy has 6 image(s); the minimum is 10"))
        #expect(refused.err.contains("--force"))
    }

    @Test func aTrainingCheckThatCannotRunSaysWhyAndForceGoesPast() throws {
        let harness = try BinaryHarness()
        let server = try EmulatorProcess.start(["--data-dir", harness.home.appendingPathComponent("server").path])
        defer { server.stop(signal: SIGTERM) }
        let scope = ["--endpoint", server.baseURL, "--project", "p"]
        #expect(try harness.run(scope + ["dataset", "create", "flowers"]).status == 0)
        // A bucket the backend cannot write to (a file stands where its folder would be): the export fails, and
        // the check says so.
        let gcs = harness.home.appendingPathComponent("server/gcs")
        try FileManager.default.createDirectory(at: gcs, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: gcs.appendingPathComponent("blocked"))
        let failed = try harness.run(scope + ["-c", "set bucket blocked; train --dataset flowers --budget 8"])
        #expect(failed.status == 1)
        #expect(failed.err.contains("the labels could not be checked before training"))
        #expect(failed.err.contains("train --force"))
        let forced = try harness.run(
            scope + ["-c", "set bucket blocked; train --dataset flowers --budget 8 --force"])
        #expect(forced.err.contains("warning: the labels were not checked"))
    }
}
