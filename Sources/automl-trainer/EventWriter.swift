internal import AutoMLWorkerProtocol
import Foundation

/// Writes JSON lines to stdout, one per event, flushed at once so the local backend sees progress live.
struct EventWriter {
    private let encoder = JSONEncoder()

    func write(_ value: some Encodable) {
        guard var line = try? encoder.encode(value) else { return }
        line.append(0x0A)
        FileHandle.standardOutput.write(line)
    }

    func progress(_ progress: TrainerProgress) {
        write(TrainerEvent.progress(progress))
    }
}
