public import Foundation
import GRDB

/// The local backend's data: one SQLite database (WAL mode) in the data directory.
///
/// Each resource is a row keyed by its ID, holding its v1 JSON plus the columns that lists filter and sort
/// on. Every change is a committed transaction, so a process killed at any moment loses nothing that a
/// response reported.
public final class EmulatorStore: Sendable {
    let writer: any DatabaseWriter

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating when needed) `automl.sqlite` in `directory`.
    public static func open(directory: URL) throws -> EmulatorStore {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: directory.appendingPathComponent("automl.sqlite").path,
                                    configuration: configuration)
        return try EmulatorStore(writer: pool)
    }

    /// A store in memory, for tests.
    public static func inMemory() throws -> EmulatorStore {
        try EmulatorStore(writer: DatabaseQueue())
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }
}
