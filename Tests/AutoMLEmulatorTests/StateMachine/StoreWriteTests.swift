import AutoMLClient
import Foundation
import Testing

@testable import AutoMLEmulator

/// What a running operation costs the store: one write per progress event, and one at the end.
@Suite struct StoreWriteTests {
    @Test func aTrainingWritesOncePerProgressEventAndFinishesOnce() async throws {
        let backend = try await ManualBackend.start(trainer: ScriptedTrainer(stepMilliNodeHours: 1000))
        let dataset = try await backend.dataset()
        let before = backend.emulator.service.store.writeCount
        let started = try await backend.train(dataset, budget: 8000)
        let done = try await backend.settle(started, step: .seconds(10))
        #expect(done.error == nil)
        // The create (the model's ID reserved, the operation stored), eight progress events (each with the job to
        // resume from: two writes each before), and the final write that stores the model and ends the operation
        // (the runner no longer finishes it a second time), and the training log with the stop reason (this trainer
        // reports no epochs, so there is no write for the log before).
        #expect(backend.emulator.service.store.writeCount - before == 2 + 8 + 1 + 1)
    }
}
