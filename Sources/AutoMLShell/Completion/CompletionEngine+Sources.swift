extension CompletionEngine {
    /// At a plain word: the command's subcommands (before any positional) and the next positional's values (or
    /// the tree's override for the words so far).
    /// Flags are offered only once a `-` is typed.
    func wordsAndPositionals(at position: CommandPosition, prefix: String) -> CompletionList {
        var list = CompletionList()
        if position.positionalWords.isEmpty, !position.afterTerminator {
            list = commandWords(of: position.node, isRoot: position.path.count == 1, prefix: prefix)
        }
        if let override = tree.valueOverrides[position.overrideKey] {
            list = list.merged(with: values(for: override, prefix: prefix), limit: maxCandidates)
        } else if let positional = position.nextPositional {
            list = list.merged(with: values(for: positional.completion, prefix: prefix), limit: maxCandidates)
        }
        return list
    }

    /// The visible subcommands of `node` starting with `prefix`; at the root, `help` too.
    func commandWords(of node: CommandNode, isRoot: Bool, prefix: String) -> CompletionList {
        var names = node.subcommands.filter { !$0.isHidden }.map(\.name)
        if isRoot, !names.contains("help") { names.append("help") }
        let values = names.filter { UTF8Order.hasPrefix($0, prefix) }.map { CompletionValue(text: $0) }
        return CompletionList(values, limit: maxCandidates)
    }

    /// The options and flags of the command reached that start with `prefix`, except those already given (unless
    /// they repeat) and hidden ones.
    func flags(of position: CommandPosition, prefix: String) -> CompletionList {
        var values: [CompletionValue] = []
        for argument in position.node.arguments where argument.kind != .positional && !argument.isHidden {
            if !argument.isRepeating, argument.names.contains(where: position.usedNames.contains) { continue }
            for name in argument.names where UTF8Order.hasPrefix(name, prefix) {
                values.append(CompletionValue(text: name))
            }
        }
        return CompletionList(values, limit: maxCandidates)
    }

    /// The values an argument completes from that match `prefix`.
    func values(for completion: ValueCompletion, prefix: String) -> CompletionList {
        switch completion {
        case .none:
            return CompletionList()
        case .words(let words):
            let values = words.filter { UTF8Order.hasPrefix($0, prefix) }.map {
                CompletionValue(text: $0, appendsSpace: !$0.hasSuffix("("))
            }
            return CompletionList(values, limit: maxCandidates)
        case .resource(let kind):
            onResourceLookup?(kind)
            return resources(kind, prefix: prefix)
        case .files(let extensions):
            return CompletionList(
                paths(prefix: prefix, extensions: extensions, directoriesOnly: false),
                limit: maxCandidates)
        case .directories:
            return CompletionList(paths(prefix: prefix, extensions: [], directoriesOnly: true), limit: maxCandidates)
        case .storage(let localFiles):
            var values = storageURIs(prefix: prefix)
            if let localFiles, !prefix.hasPrefix("gs:") {
                values += paths(prefix: prefix, extensions: localFiles, directoriesOnly: false)
            }
            return CompletionList(values, limit: maxCandidates)
        }
    }

    /// The `gs://` URIs the shell has used that start with `prefix`, cut after the next `/`: typing down a bucket
    /// goes a folder at a time (`gs://automl-shell/` → `imports/` → `flowers/` → `import.csv`).
    func storageURIs(prefix: String) -> [CompletionValue] {
        let scheme = "gs://"
        guard prefix.hasPrefix(scheme) || scheme.hasPrefix(prefix) else { return [] }
        let start = max(prefix.utf8.count, scheme.utf8.count)
        var seen: Set<String> = []
        var values: [CompletionValue] = []
        for entry in catalog.entries(.storageURI) where entry.id != prefix && UTF8Order.hasPrefix(entry.id, prefix) {
            let rest = entry.id.utf8.dropFirst(start)
            let text: String
            if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
                text = String(entry.id[...slash])
            } else {
                text = entry.id
            }
            guard seen.insert(text).inserted else { continue }
            // Listed by the last part, as paths are; a bucket by its whole URI, so it is not taken for a local folder.
            let parts = text.dropFirst(scheme.count).split(separator: "/")
            let display = parts.count <= 1 ? text : parts.last.map { $0 + (text.hasSuffix("/") ? "/" : "") } ?? text
            values.append(CompletionValue(text: text, display: display, appendsSpace: !text.hasSuffix("/")))
        }
        return values
    }

    /// Cached resources whose ID or display name starts with `prefix`: inserted as the ID, listed as
    /// `ID  display name` with the IDs padded to one width.
    func resources(_ kind: ResourceKind, prefix: String) -> CompletionList {
        let matches = catalog.matches(kind, prefix: prefix, limit: maxCandidates)
        let width = matches.entries.reduce(0) { max($0, $1.id.count) }
        let values = matches.entries.map { entry in
            CompletionValue(
                text: entry.id,
                display: entry.displayName.isEmpty
                    ? entry.id
                    : entry.id + String(repeating: " ", count: width - entry.id.count) + "  " + entry.displayName)
        }
        return CompletionList(sorted: values, total: matches.total, sharedPrefix: matches.commonIDPrefix)
    }

    /// The final candidates: quoted for the word being typed, with the overflow entry last.
    func candidates(_ list: CompletionList, tokens: CompletionTokens) -> [CompletionCandidate] {
        var candidates = list.values.map {
            CompletionCandidate(tokens.insertionText(for: $0.text), display: $0.display, appendsSpace: $0.appendsSpace)
        }
        if list.omitted > 0, let first = list.values.first {
            // A prefix every match's insertion starts with, so `CompletionResult.commonPrefix` stays right.
            let quoted = UTF8Order.commonPrefix(
                tokens.insertionText(for: first.text),
                tokens.insertionText(for: list.sharedPrefix))
            candidates.append(.overflow(count: list.omitted, insertion: quoted))
        }
        return candidates
    }
}
