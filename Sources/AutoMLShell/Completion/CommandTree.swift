/// The shape of the command line as completion sees it: commands, subcommands, and their arguments with what
/// each value completes from. Built from the ArgumentParser definitions (see `CommandTree+DumpHelp.swift`), so
/// the commands are defined once.
package struct CommandTree: Sendable {
    /// The root command; its subcommands are the words a line starts with.
    package var root: CommandNode
    /// Values for positionals that depend on the words before them, which ArgumentParser cannot describe: the
    /// key is the command path and the positional words typed so far, such as `["set", "format"]` for
    /// `set format ⌖` (`set KEY VALUE`) or `["set"]` for the key itself. An entry wins over the positional's own
    /// completion.
    package var valueOverrides: [[String]: ValueCompletion]

    package init(root: CommandNode, valueOverrides: [[String]: ValueCompletion] = [:]) {
        self.root = root
        self.valueOverrides = valueOverrides
    }
}

/// One command or subcommand.
package struct CommandNode: Sendable, Hashable {
    /// The word that selects it, such as `dataset` in `use dataset`.
    package var name: String
    /// Other words that select it (not offered by completion).
    package var aliases: [String]
    /// Whether help hides it; hidden commands are not offered (but are still understood when typed).
    package var isHidden: Bool
    package var subcommands: [CommandNode]
    /// Options, flags and positionals, in declaration order.
    package var arguments: [ArgumentSpec]

    package init(
        name: String, aliases: [String] = [], isHidden: Bool = false, subcommands: [CommandNode] = [],
        arguments: [ArgumentSpec] = []
    ) {
        self.name = name
        self.aliases = aliases
        self.isHidden = isHidden
        self.subcommands = subcommands
        self.arguments = arguments
    }

    /// The subcommand selected by `word` (its name or an alias).
    package func subcommand(_ word: String) -> CommandNode? {
        subcommands.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// The option or flag called `name` (with its dashes: `--budget`, `-h`).
    func namedArgument(_ name: String) -> ArgumentSpec? {
        arguments.first { $0.kind != .positional && $0.names.contains(name) }
    }

    /// The positional arguments in order.
    var positionals: [ArgumentSpec] {
        arguments.filter { $0.kind == .positional }
    }
}

/// One argument of a command.
package struct ArgumentSpec: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        /// A word without a name (`use dataset ID`).
        case positional
        /// A name followed by a value (`--budget 24`).
        case option
        /// A name alone (`--deploy`).
        case flag
    }

    package var kind: Kind
    /// The names with their dashes, the preferred one first: `["--budget"]`, `["-h", "--help"]`.
    package var names: [String]
    /// ArgumentParser's value name: `dataset`, `model-type`, `file`…
    package var valueName: String?
    /// Whether it may appear more than once (`predict FILE...`).
    package var isRepeating: Bool
    /// Whether help hides it; hidden arguments are not offered.
    package var isHidden: Bool
    /// What its value completes from.
    package var completion: ValueCompletion

    package init(
        kind: Kind, names: [String] = [], valueName: String? = nil, isRepeating: Bool = false,
        isHidden: Bool = false, completion: ValueCompletion = .none
    ) {
        self.kind = kind
        self.names = names
        self.valueName = valueName
        self.isRepeating = isRepeating
        self.isHidden = isHidden
        self.completion = completion
    }
}
