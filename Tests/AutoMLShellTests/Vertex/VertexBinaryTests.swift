import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// The built binary on Vertex AI as a person's piped transcript uses it: the local server's Vertex AI surface with the
/// real trainer, then the same server over HTTP as `vertex:URL`.
@Suite(.serialized) struct VertexBinaryTests {
    typealias Run = (status: Int32, out: String, err: String)

    @Test func aPipedTranscriptTrainsDeploysAndPredictsThenTheSameServerAnswersOverHTTP() async throws {
        let harness = try BinaryHarness(nodeHourSeconds: 0.5)
        let folder = try VertexShellSupport.flowers(in: harness.home)
        // The processes are waited for on a thread of their own (see onOwnThread); the checks come after.
        let (result, status, token): (Run, Run, String) = try await onOwnThread {
            let result = try harness.run(
                [],
                input: """
                    use endpoint vertex:local
                    dataset create flowers
                    dataset import \(folder.path)
                    watch
                    train --budget 8 --name flowers_v1
                    watch
                    evaluations
                    model deploy
                    watch
                    predict \(folder.path)/test/daisy/0.png
                    set format value(name)
                    operations
                    """)
            let token = try harness.run(["emulator", "token"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
            return (result, try harness.run(["emulator", "status"]), token)
        }
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(
            result.err.contains(
                "training of flowers_v1 (budget 8 node hours, cloud) started: operation trainingPipelines/"))
        #expect(result.err.contains(": done, 100%, "), "the pipeline's progress line")
        #expect(result.out.contains("/evaluations/") && result.out.contains("/slices/"), "evaluated, per label too")
        #expect(result.out.contains("\"displayNames\""), "the endpoint predicted")
        #expect(result.out.contains("/trainingPipelines/"))
        #expect(result.out.contains("/endpoints/"), "the deploy's operation is listed")

        let line = try #require(status.out.split(separator: "\n").first { $0.hasPrefix("Vertex AI: ") })
        let url = try #require(line.dropFirst("Vertex AI: ".count).split(separator: " ").first.map(String.init))
        let (remote, refused): (Run, Run) = try await onOwnThread {
            let remote = try harness.run(
                ["--endpoint", "vertex:" + url, "--project", "local", "-c", "use model flowers_v1; model get"],
                environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": token])
            return (remote, try harness.run(["--endpoint", "vertex:" + url, "--project", "local", "datasets"]))
        }
        #expect(remote.status == 0, "stderr: \(remote.err)")
        #expect(remote.out.contains("\"displayName\": \"flowers_v1\""))
        #expect(!remote.err.contains(token) && !remote.out.contains(token))
        #expect(refused.status == 1, "no token, no answer")
        #expect(refused.err.contains("UNAUTHENTICATED"), "\(refused.err)")
    }
}
