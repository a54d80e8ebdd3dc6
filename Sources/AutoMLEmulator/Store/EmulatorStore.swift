package import Foundation
import GRDB
import Synchronization

/// The local backend's data: one SQLite database (WAL mode) in the data directory.
///
/// Each resource is a row keyed by its ID, holding its v1 JSON plus the columns that lists filter and sort
/// on. Every change is a committed transaction, so a process killed at any moment loses nothing that a
/// response reported.
package final class EmulatorStore: Sendable {
    let writer: any DatabaseWriter
    private let lock: DataDirectoryLock?
    /// Counts committed write transactions. A reader that notes it before reading knows its answer is
    /// still current while the count is unchanged (the read caches rely on this).
    private let committedWrites = Atomic<UInt64>(0)

    private init(writer: any DatabaseWriter, lock: DataDirectoryLock?) throws {
        self.writer = writer
        self.lock = lock
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating when needed) `automl.sqlite` in `directory`, which this process then holds exclusively.
    package static func open(directory: URL) throws -> EmulatorStore {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lock = try DataDirectoryLock(directory: directory)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(
            path: directory.appendingPathComponent("automl.sqlite").path,
            configuration: configuration)
        return try EmulatorStore(writer: pool, lock: lock)
    }

    /// A store in memory, for tests.
    package static func inMemory() throws -> EmulatorStore {
        try EmulatorStore(writer: DatabaseQueue(), lock: nil)
    }

    /// Closes the database and releases the data directory; the store is unusable afterwards.
    package func close() {
        try? (writer as? DatabasePool)?.close()
        lock?.release()
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        defer { committedWrites.add(1, ordering: .sequentiallyConsistent) }
        return try await writer.write(body)
    }

    /// How many write transactions have ended so far; read it before a read whose answer is cached.
    var writeCount: UInt64 { committedWrites.load(ordering: .sequentiallyConsistent) }
}
