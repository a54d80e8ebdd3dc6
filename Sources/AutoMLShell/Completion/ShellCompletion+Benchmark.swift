/// The interactive shell's Tab, public for the Tab benchmark only (`automl-bench-shell`, benchmarks/shell.sh):
/// release builds cannot `@testable import`, and the shell's command table (`ShellRoot`) and the line editor's
/// Tab rules (`TabCompletion`) are internal. Not for other callers; the shell uses those directly.
package enum ShellTabCompletionBenchmark {
    /// What `ShellLauncher` gives the line reader: a completer over `cache` that builds the command tree at its
    /// first call, answers from `cache.snapshot`, and starts `list` in the background for a stale kind.
    package static func completer(
        cache: ResourceCache,
        list: @escaping @Sendable (ResourceScope, ResourceKind) async throws -> [ResourceEntry]
    ) -> Completer {
        ShellCompletion.completer(cache: cache, list: list)
    }

    /// What the line reader does with `result` before touching the terminal (`LibEditLineReader.complete`):
    /// decides the edit, and lays a listing out in columns `width` wide. Returns the UTF-8 bytes it would write.
    package static func lineEdit(for result: CompletionResult, line: String, width: Int) -> Int {
        switch TabCompletion.action(for: result, line: Array(line.utf8)) {
        case .beep: return 0
        case .replace(_, _, let text): return text.utf8.count
        case .list(let items): return TabCompletion.columns(items, width: width).reduce(0) { $0 + $1.utf8.count + 2 }
        }
    }
}
