public import AutoMLClient
import Foundation

/// Starts the shell the way `automl` was invoked: one command (`automl models`), commands from `-c` or `-f`,
/// piped input (a transcript), or an interactive session with line editing on a terminal.
public enum ShellLauncher {
    /// Runs and returns the exit status.
    public static func run(options: ShellOptions, environment: EnvironmentVariables, backends: BackendFactory) async
        -> Int32 {
        let capabilities = TerminalCapabilities.current(environment: environment)
        let scripted = options.file != nil || options.command != nil || !options.words.isEmpty
        let interactive = capabilities.interactive && !scripted
        let output = ShellOutput(
            standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            standardError: { FileHandle.standardError.write(Data($0.utf8)) },
            colors: capabilities.colors && interactive, interactive: interactive, width: capabilities.width)
        let paths = ShellPaths(environment: environment)
        let store = SessionStore(path: paths.sessionFile, report: output.standardError)
        let saved = store.load()
        let context: SessionContext
        do {
            context = try startingContext(options: options, environment: environment, saved: saved)
        } catch {
            output.standardError("error: \(error)\n")
            return 2
        }
        // Read in the background by the interactive shell (Tab wants it, the first prompt does not wait for it);
        // elsewhere only when a command changes it, which reads the file first.
        let cache = ResourceCache(scope: ResourceScope(context: context),
                                  store: ResourceCacheStore(directory: paths.cache))
        if interactive { cache.loadInBackground() }
        let session = ShellSession(context: context, output: output, backends: backends, store: store, cache: cache,
                                   interactive: interactive)
        if context != saved { store.save(context) }
        let runner = ShellRunner()
        if !options.words.isEmpty {
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
        return await runner.runLoop(reader: reader, session: session)
    }

    /// Flags first, then the environment, then the saved session.
    static func startingContext(options: ShellOptions, environment: EnvironmentVariables, saved: SessionContext?)
        throws -> SessionContext {
        var context = saved ?? SessionContext()
        if let endpoint = options.endpoint ?? environment.values["AUTOML_ENDPOINT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let resolved = try EndpointChoice.parse(endpoint)
            if resolved != context.endpoint { context.dataset = nil; context.model = nil; context.operation = nil }
            context.endpoint = resolved
        }
        if let project = options.project ?? environment[.googleCloudProject] ?? environment[.cloudSDKCoreProject] {
            _ = try ProjectName(project: project)
            if project != context.project { context.dataset = nil; context.model = nil; context.operation = nil }
            context.project = project
        }
        if let location = options.location {
            _ = try LocationName(project: "p", location: location)
            context.location = location
        }
        if let format = options.format {
            guard let parsed = OutputFormat(parsing: format) else {
                throw ShellError("\"\(format)\" is not a format: use json, yaml, table or value(FIELD,...)")
            }
            context.format = parsed
        }
        return context
    }

    private static func banner(context: SessionContext, backends: BackendFactory) -> String {
        let backend = context.endpoint.map { "endpoint \($0)" }
            ?? "the embedded local backend (data in \(backends.localDataDirectory ?? "the default folder"))"
        return "automl \(AutoMLClientVersion.current) on \(backend). `help` lists the commands; Tab completes.\n"
    }
}
