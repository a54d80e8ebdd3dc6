/// Where the words before the cursor lead in the command tree: the command reached, how many positionals it
/// has, the flags already given, and whether an option waits for its value.
struct CommandPosition {
    /// The root, then each subcommand named.
    private(set) var path: [CommandNode]
    /// Positional words given to the last command.
    private(set) var positionalWords: [String] = []
    /// The option whose value comes next (`train --budget ⌖`).
    private(set) var pendingOption: ArgumentSpec?
    /// The names of the options and flags given to the last command.
    private(set) var usedNames: Set<String> = []
    /// After `--`: every word is a positional.
    private(set) var afterTerminator = false
    /// After `help`: the command whose subcommands come next (the root right after `help`).
    private(set) var helpTarget: CommandNode?
    /// Whether the help target is the root, whose words include `help` itself.
    private(set) var helpTargetIsRoot = false

    /// Walks `words` from the root. Unknown words count as positionals; unknown flags are skipped.
    init(tree: CommandTree, words: [String]) {
        path = [tree.root]
        for word in words { advance(over: word) }
    }

    /// The command reached.
    var node: CommandNode { path[path.count - 1] }

    /// The positional the next plain word fills: the next one, or the last when it repeats.
    var nextPositional: ArgumentSpec? {
        let positionals = node.positionals
        if positionalWords.count < positionals.count { return positionals[positionalWords.count] }
        return positionals.last.flatMap { $0.isRepeating ? $0 : nil }
    }

    private mutating func advance(over word: String) {
        if pendingOption != nil {
            pendingOption = nil
            return
        }
        if let target = helpTarget {
            if let next = target.subcommand(word) {
                helpTarget = next
                helpTargetIsRoot = false
            }
            return
        }
        if !afterTerminator {
            if word == "--" {
                afterTerminator = true
                return
            }
            if word.hasPrefix("-"), word != "-" {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                if let argument = node.namedArgument(name) {
                    usedNames.formUnion(argument.names)
                    if argument.kind == .option, !word.contains("=") { pendingOption = argument }
                }
                return
            }
        }
        if path.count == 1, word == "help" {
            // `help CMD…` (ArgumentParser's generated one, or the shell's own): command words follow.
            path.append(node.subcommand("help") ?? CommandNode(name: "help"))
            helpTarget = path[0]
            helpTargetIsRoot = true
            return
        }
        if positionalWords.isEmpty, !afterTerminator, let subcommand = node.subcommand(word) {
            path.append(subcommand)
            usedNames = []
            return
        }
        positionalWords.append(word)
    }

    /// The key of `CommandTree.valueOverrides` for the next positional: command names, then positional words.
    var overrideKey: [String] {
        path.dropFirst().map(\.name) + positionalWords
    }
}
