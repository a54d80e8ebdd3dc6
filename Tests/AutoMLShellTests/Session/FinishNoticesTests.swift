import AutoMLClient
import Foundation
import Testing

@testable import AutoMLShell

/// The next prompt's "… finished" notice: said once for an operation that ended unwatched, never for one a `watch`
/// followed to its end, even when it ended between the last prompt and the watch.
@Suite struct FinishNoticesTests {
    /// An operation of the harness's backend that is done, as the shell saw it while it still ran.
    private func finishedOperation() async throws -> (BackendOperation, LocationName, any ShellBackend) {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        let csv = try shell.images()
        #expect(
            await shell.run("dataset create flowers\ndataset import \(csv)\nwatch", in: session) == 0,
            "\(shell.standardError)")
        let reference = try #require(session.context.operation)
        let backend = try await session.backend()
        let location = try session.location()
        var seen = try await backend.operation(reference, in: location)
        seen.done = false
        return (seen, location, backend)
    }

    private func waitForNotice(_ notices: FinishNotices, about reference: String) async throws {
        for _ in 0..<1_000 where !notices.hasNotice(about: reference) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(notices.hasNotice(about: reference))
    }

    @Test func anOperationThatEndedUnwatchedIsAnnouncedOnce() async throws {
        let (operation, location, backend) = try await finishedOperation()
        let notices = FinishNotices(interval: .milliseconds(10))
        notices.track(operation, in: location, backend: backend)
        try await waitForNotice(notices, about: operation.reference)
        let said = notices.take()
        #expect(said.count == 1 && said.first?.contains("finished: done") == true, "\(said)")
        #expect(notices.take().isEmpty)
    }

    @Test func aWatchAfterTheEndDropsTheNoticeNotYetShown() async throws {
        let (operation, location, backend) = try await finishedOperation()
        let notices = FinishNotices(interval: .milliseconds(10))
        notices.track(operation, in: location, backend: backend)
        try await waitForNotice(notices, about: operation.reference)
        notices.forget(operation.reference)  // what watch does once it has shown the end
        #expect(notices.take().isEmpty)
    }
}
