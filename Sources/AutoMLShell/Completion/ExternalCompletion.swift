package import AutoMLClient
import Foundation

/// Tab completion of an `automl …` command line in a login shell (bash, zsh, fish), for the scripts in
/// `completions/`, which run the hidden `automl __complete CWORD WORD...`.
///
/// It answers as the interactive shell's Tab does: the same `CompletionEngine`, the same command tree (with
/// `automl`'s own options, `--endpoint`, `--project`, `--location`, `--format`, `-f`, `-c`, at the root) and
/// the resource cache file of the saved session's scope, moved by `--endpoint`/`--project`/`--location` given
/// earlier on the line. It reads a few files and never starts the local backend or touches the network: a
/// stale cache is answered from as it is (the shell refreshes it the next time it runs).
package enum ExternalCompletion {
    /// One candidate for the word being completed.
    package struct Candidate: Sendable, Hashable {
        /// What the word becomes, whole: `--format=yaml` for `--format=ya`, quoted as the word was typed.
        package var word: String
        /// What to show beside it: a resource's display name, or `… 120 more` for matches left out; nil for none.
        package var description: String?
        /// Whether a space should follow when it is the only candidate (not after a folder or `value(`).
        package var appendsSpace: Bool

        package init(word: String, description: String? = nil, appendsSpace: Bool = true) {
            self.word = word
            self.description = description
            self.appendsSpace = appendsSpace
        }
    }

    /// The candidates for `words[cword]` (the empty word when `cword == words.count`).
    ///
    /// - Parameters:
    ///   - words: The words after `automl`, as typed (quotes included, as bash and zsh give them); words after
    ///     `cword` are ignored, and so is the part of the current word after the cursor when the caller leaves
    ///     it out.
    ///   - cword: The index of the word being completed.
    ///   - environment: Where the session file and the cache are found (`XDG_*`, `HOME`), and the defaults of
    ///     the endpoint and project (`AUTOML_ENDPOINT`, `GOOGLE_CLOUD_PROJECT`…), as the shell reads them.
    ///   - extraRoot: Commands and flags the `automl` binary takes besides the shell's (`emulator`,
    ///     `--version`), merged into the root.
    package static func candidates(
        words: [String], cword: Int, environment: EnvironmentVariables,
        extraRoot: CommandNode? = nil
    ) -> [Candidate] {
        guard cword >= 0, cword <= words.count, let tree = tree(extraRoot: extraRoot) else { return [] }
        let preceding = Array(words.prefix(cword))
        let current = cword < words.count ? words[cword] : ""
        let paths = ShellPaths(environment: environment)
        let cache = ResourceCache(
            scope: ResourceScope(
                context: context(
                    preceding: preceding, environment: environment,
                    paths: paths)),
            store: ResourceCacheStore(directory: paths.cache))
        cache.load()
        let engine = CompletionEngine(
            tree: tree, catalog: cache.snapshot,
            fileSystem: .live(environment: environment.values))
        let before = preceding.map { $0 + " " }.joined()
        let line = before + current
        let result = engine.complete(line: line, cursorUTF8Offset: line.utf8.count)
        // Text of the word that the candidates keep (`--format=` of `--format=ya`); they replace the rest.
        let wordStart = before.utf8.count
        let kept =
            result.replaceStart > wordStart
            ? String(decoding: Array(line.utf8)[wordStart..<min(result.replaceStart, line.utf8.count)], as: UTF8.self)
            : ""
        return result.candidates.compactMap { candidate in
            if candidate.isOverflow {
                // Its insertion is what every match shares, so a shell's common prefix stays right with it.
                guard !candidate.insertion.isEmpty else { return nil }
                return Candidate(word: kept + candidate.insertion, description: candidate.display, appendsSpace: false)
            }
            return Candidate(
                word: kept + candidate.insertion, description: description(of: candidate),
                appendsSpace: candidate.appendsSpace)
        }
    }

    /// The display name of a resource candidate: the engine lists resources as `ID  display name` (the ID
    /// padded), other candidates by their text or a file's name alone, which carry nothing to describe.
    private static func description(of candidate: CompletionCandidate) -> String? {
        // The ID as listed: without the quotes of a word typed in quotes (`'ICN1` gives `'ICN111'`).
        var id = Substring(candidate.insertion)
        if let quote = id.first, quote == "'" || quote == "\"", id.count >= 2, id.last == quote {
            id = id.dropFirst().dropLast()
        }
        guard let display = candidate.display, !id.isEmpty, display.hasPrefix(id) else { return nil }
        let rest = display.dropFirst(id.count)
        guard rest.hasPrefix("  ") else { return nil }
        let name = rest.drop { $0 == " " }
        return name.isEmpty ? nil : String(name)
    }
}
