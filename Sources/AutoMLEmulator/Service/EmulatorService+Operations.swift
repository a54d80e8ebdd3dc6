import AutoMLWire
import Foundation

extension EmulatorService {
    /// GetOperation, answered with the operation's stored JSON.
    func getOperation(_ id: String, in parent: Parent) async throws -> StoredResource<LongRunningOperation> {
        guard let json = try await store.operationJSON(id, in: parent) else {
            throw ServiceError.notFound("Operation", "\(parent)/operations/\(id)")
        }
        return StoredResource(json: json)
    }

    func listOperations(in parent: Parent, query: [String: String]) async throws -> ListOperationsResponse {
        let list = try ListQuery(query, list: .operations, parent: parent.description)
        let page = try await list.page(reading: { try await store.operations(in: parent, page: $0) }, sequence: \.seq)
        var response = ListOperationsResponse()
        response.operations = page.items.map(\.operation)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// CancelOperation: best effort, answered at once. A running operation ends done with CANCELLED; a
    /// finished one is left as it is.
    func cancelOperation(_ id: String, in parent: Parent) async throws -> Empty {
        let stored = try await requireOperation(id, in: parent)
        guard !stored.operation.done else { return Empty() }
        try await cancelWork(of: id)
        return Empty()
    }

    /// Asks an operation's work to stop: a running task is cancelled (it ends the operation CANCELLED); one that
    /// does not run here (it has not started again since a restart) is ended CANCELLED now.
    func cancelWork(of id: String) async throws {
        _ = try await store.requestCancel(id)
        if runner.isRunning(id) {
            runner.cancel(id)
        } else {
            await runner.endCancelled(id)
        }
    }

    /// DeleteOperation: forgets the operation; its work goes on.
    func deleteOperation(_ id: String, in parent: Parent) async throws -> Empty {
        _ = try await requireOperation(id, in: parent)
        _ = try await store.deleteOperation(id)
        return Empty()
    }

    /// WaitOperation: holds the request until the operation is done or the timeout passes (at most 60 s of
    /// wall time, well inside the service's 300 s deadline), then answers with it as it is.
    func waitOperation(_ id: String, in parent: Parent, body: WaitOperationRequest) async throws -> LongRunningOperation
    {
        let limit = min(60, max(0, body.timeout.map { $0.duration.timeInterval } ?? 60))
        return try await waitUntilDone(seconds: limit) { try await requireOperation(id, in: parent) }.operation
    }

    /// Reads an operation every 50 ms until it is done or `seconds` of wall time have passed; returns the last read.
    func waitUntilDone(seconds: Double, read: () async throws -> StoredOperation) async throws -> StoredOperation {
        let deadline = Date().addingTimeInterval(seconds)
        var stored = try await read()
        while !stored.operation.done, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            stored = try await read()
        }
        return stored
    }

    func requireOperation(_ id: String, in parent: Parent) async throws -> StoredOperation {
        guard let stored = try await store.operation(id, in: parent) else {
            throw ServiceError.notFound("Operation", "\(parent)/operations/\(id)")
        }
        return stored
    }
}
