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
        process = try WorkerProcess(
            executable: executable, arguments: ["serve", modelDirectory, "1"], logFile: logFile)
        let lines = process.lines
        Task { [weak self] in
            for await line in lines {
                guard let reply = try? JSONDecoder().decode(PredictionReply.self, from: Data(line.utf8)) else {
                    continue
                }
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

/// The serving workers of deployed models, started at deploy (or at first use after a restart), stopped at
/// undeploy, delete and shutdown. A model deployed on N nodes gets up to N workers (at most one per core), used in turn, so
/// concurrent predictions run in parallel.
actor ServingWorkers {
    private var workers: [String: [ServingWorker]] = [:]
    private var turns: [String: Int] = [:]
    let locator: WorkerLocator
    private let logFolder: URL
    private let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    init(locator: WorkerLocator, logFolder: URL) {
        self.locator = locator
        self.logFolder = logFolder
    }

    /// A worker of the model, the next in turn; the first call starts all `replicas` of them at once (at
    /// most one per core), so none starts cold in the middle of a burst of requests.
    func worker(for modelID: String, directory: String, replicas: Int = 1) throws -> ServingWorker {
        let pool = try warm(modelID, directory: directory, replicas: replicas)
        let turn = turns[modelID, default: 0]
        turns[modelID] = turn &+ 1
        return pool[turn % pool.count]
    }

    /// Starts the model's workers if they are not running (deploy does this, so predictions find them loaded).
    @discardableResult
    func warm(_ modelID: String, directory: String, replicas: Int) throws -> [ServingWorker] {
        if let pool = workers[modelID], !pool.isEmpty { return pool }
        try FileManager.default.createDirectory(at: logFolder, withIntermediateDirectories: true)
        let executable = try locator.locate()
        let pool = try (0..<min(max(1, replicas), cores)).map { index in
            try ServingWorker(
                executable: executable, modelDirectory: directory,
                logFile: logFolder.appendingPathComponent("serve-\(modelID)-\(index).log"))
        }
        workers[modelID] = pool
        return pool
    }

    /// Stops the model's workers (undeploy, delete, or one that stopped), so the next request starts afresh.
    func discard(_ modelID: String) async {
        guard let pool = workers.removeValue(forKey: modelID) else { return }
        turns[modelID] = nil
        for worker in pool { await worker.shutdown() }
    }

    func stopAll() async {
        let all = workers.values.flatMap { $0 }
        workers = [:]
        turns = [:]
        for worker in all { await worker.shutdown() }
    }
}
