package import Foundation

/// Finds the `automl-trainer` executable: `AUTOML_TRAINER` when set, else next to the running binary
/// (where `swift build` and an install put it), else on PATH.
package struct WorkerLocator: Sendable {
    package static let executableName = "automl-trainer"

    package var environment: [String: String]

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    package func locate() throws(WorkerUnavailable) -> URL {
        let files = FileManager.default
        if let explicit = environment["AUTOML_TRAINER"], !explicit.isEmpty {
            guard files.isExecutableFile(atPath: explicit) else {
                throw WorkerUnavailable("AUTOML_TRAINER=\(explicit) is not an executable file")
            }
            return URL(fileURLWithPath: explicit)
        }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = running.deletingLastPathComponent().appendingPathComponent(Self.executableName)
        if files.isExecutableFile(atPath: sibling.path) { return sibling }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(Self.executableName)
            if files.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw WorkerUnavailable(
            "the trainer worker \(Self.executableName) was not found next to \(running.lastPathComponent) "
                + "or on PATH; build it with `swift build` (it needs libtorch-dev) or set AUTOML_TRAINER")
    }
}

/// The trainer worker cannot be started.
package struct WorkerUnavailable: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
