import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// How commands name operations: a full name goes where it says, on both APIs.
@Suite struct OperationReferenceTests {
    @Test func aFullV1NameGoesToItsOwnLocationAndUseOperationKeepsTheID() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        #expect(await shell.run("dataset create flowers", in: session) == 0)
        let operation = try #require(
            try await shell.client.listOperations(in: shell.location).collect().first?.name)
        let id = try OperationName(parsing: operation).operation
        #expect(await shell.run("use location europe-west4\noperation get \(operation)", in: session) == 0)
        #expect(await shell.run("use operation \(operation)", in: session) == 0, "\(shell.standardError)")
        #expect(session.context.operation == id)
        #expect(shell.standardError.contains("operation: \(id)"))
    }

    @Test func aFullVertexNameGoesToItsOwnLocation() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        #expect(await shell.run("use endpoint vertex:local\ndataset create flowers", in: session) == 0)
        let full = try #require(
            try await shell.vertex.listOperations(under: shell.location.description).collect().first?.name)
        shell.clearOutput()
        #expect(
            await shell.run("use location europe-west4\noperation get \(full)", in: session) == 0,
            "\(shell.standardError)")
        #expect(shell.standardOutput.contains("/operations/"))
    }
}
