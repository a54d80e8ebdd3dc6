/// Answers Tab: given a line and the cursor, the text to replace and the candidates for it. Pure: it reads only
/// the command tree, a catalog snapshot and the file system closure, and never waits on the network.
///
/// What it completes, from the words before the cursor in the command the cursor is in (after the last `;`):
/// the first word (the root's commands, plus `help`); subcommand words; `--flags` and `-f` (those not given
/// yet, unless repeatable); option values, also in `--option=value`; positionals; and after `help`, command
/// words. Values come from the argument's `ValueCompletion`: resource IDs from the catalog (matching the ID or
/// the display name), fixed words, or paths.
///
/// The candidates replace `replaceStart..<cursor` (only the text before the cursor is the prefix; what follows
/// it stays). Insertions are quoted so they read back as one word (in the quote the user opened, if any).
package struct CompletionEngine: Sendable {
    package var tree: CommandTree
    package var catalog: ResourceCatalog
    package var fileSystem: CompletionFileSystem
    /// The most candidates returned; beyond it, a last display-only entry says how many more there are
    /// (see `CompletionCandidate.overflow`).
    package var maxCandidates: Int
    /// Called with each resource kind a completion reads, so the shell can refresh a stale kind in the
    /// background (`ResourceCache.refreshIfStale`); it must return at once.
    package var onResourceLookup: (@Sendable (ResourceKind) -> Void)?

    package init(
        tree: CommandTree, catalog: ResourceCatalog = ResourceCatalog(),
        fileSystem: CompletionFileSystem = .none, maxCandidates: Int = 200,
        onResourceLookup: (@Sendable (ResourceKind) -> Void)? = nil
    ) {
        self.tree = tree
        self.catalog = catalog
        self.fileSystem = fileSystem
        self.maxCandidates = max(1, maxCandidates)
        self.onResourceLookup = onResourceLookup
    }

    /// The completion of `line` at the UTF-8 offset `cursorUTF8Offset` (clamped to the line and moved back to a
    /// character boundary).
    package func complete(line: String, cursorUTF8Offset: Int) -> CompletionResult {
        let tokens = ShellTokenizer.tokenizeForCompletion(line: line, cursorUTF8Offset: cursorUTF8Offset)
        guard !tokens.isInComment else { return .none(at: tokens.cursor) }
        let position = CommandPosition(tree: tree, words: tokens.precedingWords.map(\.text))
        var prefix = tokens.currentWordPrefix
        var replaceStart = tokens.replaceStart
        let values: CompletionList

        if let option = position.pendingOption {
            values = self.values(for: option.completion, prefix: prefix)
        } else if let (option, value) = inlineOptionValue(tokens, position: position) {
            // `--format=ya`: complete the value only, after the `=`.
            replaceStart += prefix.utf8.count - value.utf8.count
            prefix = value
            values = self.values(for: option.completion, prefix: prefix)
        } else if let target = position.helpTarget {
            values = commandWords(of: target, isRoot: position.helpTargetIsRoot, prefix: prefix)
        } else if !position.afterTerminator, prefix.hasPrefix("-") {
            values = flags(of: position, prefix: prefix)
        } else {
            values = wordsAndPositionals(at: position, prefix: prefix)
        }
        return CompletionResult(
            replaceStart: replaceStart, replaceEnd: tokens.cursor,
            candidates: candidates(values, tokens: tokens))
    }

    /// The option and the value typed so far when the current word is `--name=value` with a known option.
    private func inlineOptionValue(_ tokens: CompletionTokens, position: CommandPosition)
        -> (ArgumentSpec, String)?
    {
        guard !position.afterTerminator, position.helpTarget == nil, let index = tokens.currentWordIndex,
            let first = tokens.words[index].parts.first, first.quoting == .unquoted,
            first.text.hasPrefix("--"), let equals = first.text.firstIndex(of: "=")
        else { return nil }
        let name = String(first.text[..<equals])
        guard let option = position.node.namedArgument(name), option.kind == .option else { return nil }
        let value = tokens.currentWordPrefix.utf8.dropFirst(name.utf8.count + 1)
        return (option, String(decoding: value, as: UTF8.self))
    }
}
