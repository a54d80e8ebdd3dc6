import AutoMLClient

extension ExternalCompletion {
    /// The shell's command tree with `automl`'s own options at the root (they come before a command) and
    /// `extraRoot`'s subcommands and options; nil when a tree cannot be built.
    static func tree(extraRoot: CommandNode?) -> CommandTree? {
        guard var tree = try? CommandTree.shell() else { return nil }
        let options = CommandNode(name: "automl", arguments: launcherOptions)
        for node in [options] + (extraRoot.map { [$0] } ?? []) {
            merge(node, into: &tree.root)
        }
        return tree
    }

    /// Adds the subcommands and named arguments of `node` that `root` does not have yet.
    private static func merge(_ node: CommandNode, into root: inout CommandNode) {
        for subcommand in node.subcommands where root.subcommand(subcommand.name) == nil {
            root.subcommands.append(subcommand)
        }
        for argument in node.arguments where argument.kind != .positional {
            guard !argument.names.contains(where: { root.namedArgument($0) != nil }) else { continue }
            root.arguments.append(argument)
        }
    }

    /// The session context the line would run in: the saved session, then the environment, then the
    /// `--endpoint`, `--project` and `--location` anywhere on the line before the word (as `ShellLauncher` and the
    /// runner decide it). Values that do not parse are left out, never reported.
    static func context(preceding words: [String], environment: EnvironmentVariables, paths: ShellPaths)
        -> SessionContext
    {
        let saved = SessionStore(path: paths.sessionFile, report: { _ in }).load() ?? SavedSession()
        var flags = ContextOverrides()
        var index = 0
        while index < words.count, words[index] != "--" {
            let parts = words[index].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            var value = parts.count == 2 ? String(parts[1]) : nil
            if value == nil, optionsTakingValues.contains(name) {
                index += 1
                value = index < words.count ? words[index] : nil
            }
            index += 1
            guard let text = value.map(unquoted) else { continue }
            switch name {
            case "--endpoint":
                flags.endpoint = (try? ContextOverrides.parse(endpoint: text))?.endpoint ?? flags.endpoint
            case "--project": flags.project = (try? ContextOverrides.parse(project: text))?.project ?? flags.project
            case "--location":
                flags.location = (try? ContextOverrides.parse(location: text))?.location ?? flags.location
            default: break
            }
        }
        let environmentOverrides = (try? ContextOverrides.environment(environment)) ?? ContextOverrides()
        return flags.over(environmentOverrides).startingContext(from: saved)
    }

    /// `automl`'s own options (`ShellOptions`), with the values they complete from as ArgumentParser would
    /// describe them. Written out because `ShellOptions` cannot describe itself: its pass-through positional
    /// takes `--experimental-dump-help` as a word.
    static let launcherOptions: [ArgumentSpec] =
        [
            option(["-f", "--file"], "file"), option(["-c", "--command"], "command"),
            ArgumentSpec(kind: .flag, names: ["-x", "--echo"]), ArgumentSpec(kind: .flag, names: ["--insecure"]),
            ArgumentSpec(kind: .flag, names: ["--log-http"]),
            ArgumentSpec(kind: .flag, names: ["-h", "--help"]),
        ] + GlobalOptions.specs

    private static func option(_ names: [String], _ valueName: String) -> ArgumentSpec {
        ArgumentSpec(
            kind: .option, names: names, valueName: valueName,
            completion: .inferred(valueName: valueName, allValues: nil, completionKind: nil))
    }

    /// `automl`'s options that take a value, so the word after one is that value and not the command.
    private static let optionsTakingValues = Set(launcherOptions.filter { $0.kind == .option }.flatMap(\.names))

    /// A word as the shell reads it: quotes and escapes removed.
    private static func unquoted(_ word: String) -> String {
        let tokens = ShellTokenizer.tokenizeForCompletion(line: word, cursorUTF8Offset: word.utf8.count)
        return tokens.words.map(\.text).joined(separator: " ")
    }
}
