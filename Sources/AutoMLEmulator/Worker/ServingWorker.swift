import AutoMLWorkerProtocol
import Foundation

/// One `automl-trainer serve` process keeping a trained model loaded. Requests are matched to replies
/// by ID, so concurrent predictions share the process without mixing answers.
actor ServingWorker {
    private let process: WorkerProcess
    private var nextID = 1
    private var pending: [Int: CheckedContinuation<PredictionReply, any Error>] = [:]
    private var ended = false
    let modelDirectory: String

    init(executable: URL, modelDirectory: String, logFile: URL) throws {
        self.modelDirectory = modelDirectory
        process = try WorkerProcess(executable: executable, arguments: ["serve", modelDirectory, "1"], logFile: logFile)
        let lines = process.lines
        Task { [weak self] in
            for await line in lines {
                guard let reply = try? JSONDecoder().decode(PredictionReply.self, from: Data(line.utf8)) else { continue }
                await self?.deliver(reply)
            }
            await self?.end()
        }
    }

    func predict(_ request: PredictionRequest) async throws -> PredictionReply {
        guard !ended else { throw WorkerUnavailable("the prediction worker has stopped") }
        var request = request
        request.id = nextID
        nextID += 1
        let line = try JSONEncoder().encode(request)
        return try await withCheckedThrowingContinuation { continuation in
            pending[request.id] = continuation
            do {
                try process.send(line)
            } catch {
                pending[request.id] = nil
                continuation.resume(throwing: WorkerUnavailable("the prediction worker has stopped: \(error)"))
            }
        }
    }

    private func deliver(_ reply: PredictionReply) {
        if let continuation = pending.removeValue(forKey: reply.id) {
            continuation.resume(returning: reply)
        } else if reply.id == 0, let error = reply.error {
            // The model could not be loaded: every waiting request gets the reason.
            fail(with: error)
        }
    }

    private func end() {
        ended = true
        fail(with: "the prediction worker stopped" + (process.logTail().isEmpty ? "" : ": \(process.logTail())"))
    }

    private func fail(with message: String) {
        let waiting = pending
        pending = [:]
        for continuation in waiting.values { continuation.resume(throwing: WorkerUnavailable(message)) }
    }

    var isRunning: Bool { !ended && process.isRunning }

    /// Ends the process: stdin closes and it exits; a stuck one is signalled.
    func shutdown() async {
        process.finishInput()
        process.stop(grace: .seconds(1))
        _ = await process.waitUntilExit()
    }
}

/// The serving workers of deployed models, started on first use (and at deploy), stopped at undeploy,
/// delete and shutdown.
actor ServingWorkers {
    private var workers: [String: ServingWorker] = [:]
    let locator: WorkerLocator
    private let logFolder: URL

    init(locator: WorkerLocator, logFolder: URL) {
        self.locator = locator
        self.logFolder = logFolder
    }

    func worker(for modelID: String, directory: String) throws -> ServingWorker {
        if let worker = workers[modelID] { return worker }
        try FileManager.default.createDirectory(at: logFolder, withIntermediateDirectories: true)
        let worker = try ServingWorker(executable: try locator.locate(), modelDirectory: directory,
                                       logFile: logFolder.appendingPathComponent("serve-\(modelID).log"))
        workers[modelID] = worker
        return worker
    }

    /// Forgets a worker that stopped, so the next request starts a fresh one.
    func discard(_ modelID: String) async {
        guard let worker = workers.removeValue(forKey: modelID) else { return }
        await worker.shutdown()
    }

    func stopAll() async {
        let all = workers
        workers = [:]
        for worker in all.values { await worker.shutdown() }
    }
}
