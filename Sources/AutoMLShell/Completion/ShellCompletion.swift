import AutoMLClient
import Foundation
import Synchronization

/// Tab completion for the shell: the command table's words and flags, and resource IDs from the cache,
/// which a background task refreshes when stale (Tab never waits on the network).
enum ShellCompletion {
    /// How old a cached listing may be before Tab starts a refresh.
    static let maxAge: TimeInterval = 60

    /// A completer over `cache`; `list` fetches a kind's entries for a scope (it runs in the background).
    static func completer(
        cache: ResourceCache,
        list: @escaping @Sendable (ResourceScope, ResourceKind) async throws -> [ResourceEntry]
    ) -> Completer {
        let tree = LazyTree()
        Thread.detachNewThread { _ = tree.value }
        let fileSystem = CompletionFileSystem.live(environment: ProcessInfo.processInfo.environment)
        return { line, cursor in
            guard let commandTree = tree.value else { return .none(at: cursor) }
            let engine = CompletionEngine(
                tree: commandTree, catalog: cache.snapshot, fileSystem: fileSystem,
                onResourceLookup: { kind in
                    let scope = cache.scope
                    cache.refreshIfStale(kind, now: Date(), maxAge: maxAge) { try await list(scope, kind) }
                })
            return engine.complete(line: line, cursorUTF8Offset: cursor)
        }
    }

    /// Lists a kind of resource for the cache, through the client of the scope's endpoint.
    static func lister(_ backends: BackendFactory)
        -> @Sendable (ResourceScope, ResourceKind) async throws -> [ResourceEntry]
    {
        { scope, kind in
            let backend = try await backends.connect(scope.endpoint, location: scope.location).backend
            return try await backend.entries(
                of: kind, in: try LocationName(project: scope.project, location: scope.location))
        }
    }
}

extension CommandTree {
    /// The shell's commands, with what ArgumentParser cannot describe: `set KEY VALUE`'s keys and values, and the
    /// options every command takes (``GlobalOptions``).
    static func shell() throws -> CommandTree {
        var tree = try CommandTree(root: ShellRoot.self)
        tree.root.subcommands = tree.root.subcommands.map { $0.addingGlobalOptions() }
        tree.valueOverrides[["set"]] = .words(SetCommand.valueCompletions.keys.sorted())
        for (key, completion) in SetCommand.valueCompletions {
            tree.valueOverrides[["set", key]] = completion
        }
        return tree
    }
}

extension CommandNode {
    /// This command with ``GlobalOptions`` on every command that runs (not on groups such as `dataset`, which only
    /// select one).
    fileprivate func addingGlobalOptions() -> CommandNode {
        var node = self
        if subcommands.isEmpty {
            node.arguments += GlobalOptions.specs.filter { spec in !spec.names.contains { namedArgument($0) != nil } }
        } else {
            node.subcommands = subcommands.map { $0.addingGlobalOptions() }
        }
        return node
    }
}

/// The command tree, built on a thread of its own when the completer is made, so that neither the first prompt
/// nor (usually) the first Tab waits for it; a Tab that comes first waits for that build, never starts a second.
private final class LazyTree: Sendable {
    private let tree = Mutex<CommandTree??>(nil)

    var value: CommandTree? {
        tree.withLock { cached in
            if let cached { return cached }
            let built = try? CommandTree.shell()
            cached = .some(built)
            return built
        }
    }
}
