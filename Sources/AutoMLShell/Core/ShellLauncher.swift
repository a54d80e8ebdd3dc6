package import AutoMLClient
import Foundation

/// Starts the shell the way `automl` was invoked: one command (`automl models`), commands from `-c` or `-f`,
/// piped input (a transcript), or an interactive session with line editing on a terminal.
package enum ShellLauncher {
    /// Runs and returns the exit status.
    package static func run(options: ShellOptions, environment: EnvironmentVariables, backends: BackendFactory) async
        -> Int32
    {
        let capabilities = TerminalCapabilities.current(environment: environment)
        let scripted = options.file != nil || options.command != nil || !options.words.isEmpty
        let interactive = capabilities.interactive && !scripted
        guard let colors = colors(options.color, capabilities: capabilities) else {
            FileHandle.standardError.write(Data("error: --color takes auto, always or never\n".utf8))
            return 2
        }
        var output = ShellOutput(
            standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            standardError: { FileHandle.standardError.write(Data($0.utf8)) },
            colors: colors, interactive: interactive, width: capabilities.width,
            resultWidth: capabilities.resultWidth)
        // Long results through $PAGER: on a terminal only, in the shell and in a one-shot command.
        if capabilities.interactive, options.file == nil, options.command == nil,
            let pager = Pager(environment: environment.values)
        {
            output.pager = { pager.page($0) }
        }
        let paths = ShellPaths(environment: environment)
        let store = SessionStore(path: paths.sessionFile, report: output.standardError)
        let saved = store.load() ?? SavedSession()
        let overrides: ContextOverrides
        do {
            overrides = try self.overrides(options: options, environment: environment)
        } catch {
            ErrorReport.print(error, to: output)
            return 2
        }
        let context = overrides.startingContext(from: saved)
        // Read in the background by the interactive shell (Tab wants it, the first prompt does not wait for it);
        // elsewhere only when a command changes it, which reads the file first.
        let cache = ResourceCache(
            scope: ResourceScope(context: context),
            store: ResourceCacheStore(directory: paths.cache))
        if interactive { cache.loadInBackground() }
        let session = ShellSession(
            saved: saved, overrides: overrides,
            persists: persists(options: options, interactive: interactive),
            output: output, backends: backends, store: store, cache: cache,
            interactive: interactive)
        session.oneShot = !options.words.isEmpty
        session.echo = options.echo
        let runner = ShellRunner()
        if !options.words.isEmpty {
            // A one-shot command typed at a terminal asks as the shell does (on standard error, read from standard
            // input).
            if capabilities.interactive {
                session.confirmer = { question in
                    output.standardError(question)
                    return ShellSession.isYes(Swift.readLine() ?? "")
                }
            }
            return await runner.run(words: options.words, session: session)
        }
        if let command = options.command {
            return await runner.run(text: command, session: session, source: "-c")
        }
        if let file = options.file {
            guard let data = FileManager.default.contents(atPath: file) else {
                output.standardError("error: cannot read \(file)\n")
                return 2
            }
            return await runner.run(text: String(decoding: data, as: UTF8.self), session: session, source: file)
        }
        guard interactive else {
            return await runner.runLoop(reader: PlainLineReader(fileDescriptor: 0), session: session)
        }
        output.standardError(banner(context: context, backends: backends))
        let reader: LibEditLineReader
        do {
            reader = try LibEditLineReader(
                completer: ShellCompletion.completer(cache: cache, list: ShellCompletion.lister(backends)),
                historyPath: paths.historyFile, mayRemember: { !SecretFilter.mayCarrySecret($0) },
                report: output.standardError)
        } catch {
            output.standardError("warning: no line editing (\(error)); reading plain lines\n")
            return await runner.runLoop(reader: PlainLineReader(fileDescriptor: 0), session: session)
        }
        // Closed on every path out (end of input, exit, errors), which ends libedit and restores the terminal.
        defer { reader.close() }
        if !options.noRC { await runRCFile(paths.rcFile, runner: runner, session: session) }
        if session.exitRequested { return 0 }
        return await runner.runLoop(reader: reader, session: session)
    }

    /// Whether results are coloured: `--color always|never`, else (`auto`) whenever standard output is a terminal
    /// that takes colour, in one-shot commands and scripts too; nil for a value that is none of those.
    package static func colors(_ choice: String?, capabilities: TerminalCapabilities) -> Bool? {
        switch choice ?? "auto" {
        case "auto": capabilities.colors
        case "always": true
        case "never": false
        default: nil
        }
    }

    /// The rc file's commands, as if typed before the first prompt; its first failing command stops it (the shell
    /// goes on, and says where it stopped).
    static func runRCFile(_ path: String, runner: ShellRunner, session: ShellSession) async {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let status = await runner.run(text: String(decoding: data, as: UTF8.self), session: session, source: path)
        if status != 0 { session.note("\(path) stopped at that error (`automl --no-rc` starts without it)") }
    }

    /// The run's flags over its environment; never saved.
    static func overrides(options: ShellOptions, environment: EnvironmentVariables) throws -> ContextOverrides {
        let flags = try ContextOverrides.parse(
            endpoint: options.endpoint, project: options.project,
            location: options.location, format: options.format)
        return flags.over(try ContextOverrides.environment(environment))
    }

    /// The commands whose one-shot runs save what they change (`automl use dataset flowers`), as `gcloud config
    /// set` does; other one-shot commands and scripts change the context for their run only.
    static let savingCommands: Set<String> = ["use", "unset", "set"]

    /// Whether the run saves what it changes in the context: the interactive shell, and a one-shot `use`, `unset`
    /// or `set`.
    static func persists(options: ShellOptions, interactive: Bool) -> Bool {
        if interactive { return true }
        guard options.file == nil, options.command == nil, let first = options.words.first else { return false }
        return savingCommands.contains(first)
    }

    private static func banner(context: SessionContext, backends: BackendFactory) -> String {
        var backend = context.endpoint.map { "endpoint \($0)" } ?? "the local server"
        if context.endpointValue.isLocalServer, let state = backends.localServerState?() {
            backend +=
                " (" + (state.isRunning ? "running" : "started by the first command that needs it")
                + "; data in \(state.dataDirectory.path), `automl emulator status` tells more)"
        }
        return "automl \(AutoMLClientVersion.current) on \(backend). `help` lists the commands; Tab completes.\n"
    }
}
