import AutoMLEmulator
import Dispatch
import Foundation

/// How long the server runs: until SIGINT or SIGTERM, a stop request (`automl emulator stop`), or, with an idle
/// stop, that long with no request and no running operation.
final class ServerLifetime: Sendable {
    let idleStop: Duration?
    private let emulator: Emulator
    private let stops: AsyncStream<String>
    private let stop: AsyncStream<String>.Continuation

    init(emulator: Emulator, idleStop: Duration?) {
        self.emulator = emulator
        self.idleStop = idleStop.flatMap { $0 > .zero ? $0 : nil }
        (stops, stop) = AsyncStream<String>.makeStream()
    }

    /// Asks the server to stop (answered first, then stopped).
    func requestStop(_ reason: String) {
        stop.yield(reason)
    }

    /// Waits for the first reason to stop and returns it.
    func waitForStop() async -> String {
        let signals = Task { [stop] in
            let number = await firstSignal([SIGINT, SIGTERM])
            stop.yield("received signal \(number)")
        }
        let idle = Task { [self] in await watchIdle() }
        defer {
            signals.cancel()
            idle.cancel()
        }
        for await reason in stops { return reason }
        return "stopped"
    }

    /// Checks a few times per idle period (at most every 30 s) whether the server has been idle that long.
    private func watchIdle() async {
        guard let idleStop else { return }
        let period = min(idleStop / 4, .seconds(30))
        while !Task.isCancelled {
            try? await Task.sleep(for: max(period, .milliseconds(100)))
            if let idle = emulator.idleTime(), idle >= idleStop {
                stop.yield("idle for \(DurationText.describe(idleStop)) (no request, no running operation)")
                return
            }
        }
    }
}

/// Waits for the first of the given signals and returns it; the signals no longer end the process.
func firstSignal(_ signals: [Int32]) async -> Int32 {
    let (numbers, continuation) = AsyncStream<Int32>.makeStream()
    let sources = signals.map { number -> any DispatchSourceSignal in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
        source.setEventHandler { continuation.yield(number) }
        source.resume()
        return source
    }
    defer { sources.forEach { $0.cancel() } }
    for await number in numbers { return number }
    return SIGTERM
}
