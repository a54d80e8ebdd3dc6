import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization
import Testing

@testable import AutoMLShell

/// The session survives the process; transcripts replay against a fresh backend; secrets stay out of files.
@Suite struct SessionFilesTests {
    @Test func contextIsSavedAtomicallyWithPrivateMode() async throws {
        let shell = try await ShellHarness()
        await shell.run("dataset create flowers\nset format yaml", in: shell.session())
        let attributes = try FileManager.default.attributesOfItem(atPath: shell.sessionFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let next = shell.session()
        #expect(next.context.format == .yaml)
        #expect(next.context.dataset != nil)

        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: shell.sessionFile))
        let warnings = Mutex<[String]>([])
        let store = SessionStore(path: shell.sessionFile) { message in warnings.withLock { $0.append(message) } }
        #expect(store.load() == nil)
        #expect(warnings.withLock { $0.first }?.contains("not a valid session file") == true)
    }

    @Test func transcriptReplaysAgainstAFreshBackend() async throws {
        let first = try await ShellHarness()
        let csv = try first.images()
        let transcript = first.directory.appendingPathComponent("session.automl").path
        let recording = first.session()
        #expect(
            await first.run(
                """
                record \(transcript)
                dataset create flowers
                dataset import \(csv)
                watch
                dataset get $dataset
                record stop
                """, in: recording) == 0, "stderr: \(first.standardError)")
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.contains("dataset get $dataset"))
        #expect(!text.contains("record "), "recording commands are not part of the transcript")

        let second = try await ShellHarness()
        try FileManager.default.createDirectory(at: second.gcsRoot, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: first.gcsRoot.appendingPathComponent("data"),
            to: second.gcsRoot.appendingPathComponent("data"))
        let replay = second.session()
        #expect(await second.run(text, in: replay) == 0, "stderr: \(second.standardError)")
        let replayed = try #require(replay.context.dataset)
        #expect(replayed != recording.context.dataset, "a fresh backend gives new IDs")
        #expect(second.standardOutput.contains("\"exampleCount\": 24"))
    }

    @Test func linesWithSecretsStayOutOfTranscripts() async throws {
        let shell = try await ShellHarness()
        let transcript = shell.directory.appendingPathComponent("t.automl").path
        await shell.run(
            "record \(transcript)\nset format json # token=ya29.secret-value\ncontext\nrecord stop", in: shell.session()
        )
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(!text.contains("ya29"))
        #expect(text.contains("context"))
        #expect(SecretFilter.mayCarrySecret("use endpoint https://x --token abc"))
        #expect(!SecretFilter.mayCarrySecret("models --dataset flowers"))
    }
}
