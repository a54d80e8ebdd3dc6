import Foundation

/// Keeps the session context in `session.json`, written atomically with mode 0600. A corrupt file is
/// reported and replaced at the next save, never a crash.
public struct SessionStore: Sendable {
    public let path: String
    /// Where problems saving or loading are reported (standard error in the shell).
    let report: @Sendable (String) -> Void

    public init(path: String, report: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.report = report
    }

    /// The saved context, or nil when there is none (or it could not be read, which is reported).
    public func load() -> SessionContext? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(SessionContext.self, from: data)
        } catch {
            report("warning: \(path) is not a valid session file; starting with a fresh session (it will be replaced)")
            return nil
        }
    }

    public func save(_ context: SessionContext) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writePrivateFile(try encoder.encode(context), to: path)
        } catch {
            report("warning: could not save the session to \(path): \(error)")
        }
    }
}
