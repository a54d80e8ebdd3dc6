import ArgumentParser
import AutoMLClient
import Foundation

/// Runs lines of commands: tokenizes, expands variables, parses each command with the command table, runs
/// it, and reports errors on standard error. Interactive sessions go on after an error; scripts stop at the
/// first one unless `set on-error continue`.
package final class ShellRunner {
    package init() {}

    /// Reads and runs lines until `exit` or the end of input; returns the process exit status.
    package func runLoop(reader: any LineReader, session: ShellSession) async -> Int32 {
        session.runner = self
        if session.interactive {
            // Asked through the line editor while a command runs; the answer is not kept in the history.
            session.confirmer = { question in
                guard case .line(let answer) = reader.readLine(prompt: question) else { return false }
                return ShellSession.isYes(answer)
            }
        }
        var status: Int32 = 0
        while !session.exitRequested {
            if let warning = session.cache?.takeLoadWarning() { session.note("warning: \(warning)") }
            if session.interactive { Self.tellFinished(session) }
            switch reader.readLine(
                prompt: Prompt.text(
                    for: session.context, colors: session.output.colors,
                    serverRunning: session.localServerState?.isRunning))
            {
            case .endOfInput:
                session.stopRecording()
                return session.interactive ? 0 : status
            case .interrupt:
                continue
            case .line(let first):
                if first.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                // An open quote or a trailing backslash goes on with the next line (Ctrl-C drops the whole).
                guard let (line, isComplete) = Self.completing(first, reader: reader, session: session) else {
                    continue
                }
                if session.interactive, isComplete, !SecretFilter.mayCarrySecret(line) { reader.addHistory(line) }
                let outcome = await run(line: line, session: session)
                if outcome != 0 {
                    status = outcome
                    if !session.interactive, !session.context.continueOnError {
                        session.stopRecording()
                        return status
                    }
                }
            }
        }
        session.stopRecording()
        return status
    }

    /// Says which operations started here finished since the last prompt, with one bell for all.
    private static func tellFinished(_ session: ShellSession) {
        let notices = session.finishNotices.take()
        guard !notices.isEmpty else { return }
        for notice in notices { session.note(notice) }
        session.output.standardError("\u{7}")
    }

    /// How many lines a command may continue over (an open quote or trailing backslashes) in a block of text
    /// before it is reported as unterminated: a quote left open by mistake must not swallow, and re-read at every
    /// line, the rest of a long transcript.
    static let maxContinuationLines = 1_000

    /// Runs a block of text (`-c`, `-f`, `source`) line by line — a line with an open quote or a trailing
    /// backslash together with the lines that complete it. Stops at the first failure unless `set on-error
    /// continue`; returns 0 when every command succeeded, otherwise the exit status of the last failure (2 for a
    /// usage or syntax error, 1 for a failed command), as a piped transcript does.
    package func run(text: String, session: ShellSession, source: String) async -> Int32 {
        session.runner = self
        var status: Int32 = 0
        var pending: (text: String, lines: Int)?
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            if session.exitRequested { break }
            let command = pending.map { ($0.text + "\n" + line, $0.lines + 1) } ?? (String(line), 1)
            // Read on while incomplete; at the end (or the limit), run it anyway so the syntax error is reported.
            if Self.isIncomplete(command.0), index < lines.count - 1, command.1 < Self.maxContinuationLines {
                pending = command
                continue
            }
            pending = nil
            let outcome = await run(line: command.0, session: session)
            if outcome != 0 {
                status = outcome
                if !session.context.continueOnError { return status }
            }
        }
        return status
    }

    /// Whether `text` ends inside a quote or after a backslash, so that the next line continues it.
    static func isIncomplete(_ text: String) -> Bool {
        do {
            _ = try ShellTokenizer.tokenize(text)
            return false
        } catch {
            return error.isIncomplete
        }
    }

    /// `first` and the lines read after it while the command is incomplete, prompted with `> `; nil when Ctrl-C
    /// drops it. At the end of input the incomplete text is returned (`isComplete` false), for its syntax error to
    /// be reported.
    static func completing(_ first: String, reader: any LineReader, session: ShellSession)
        -> (text: String, isComplete: Bool)?
    {
        var text = first
        while isIncomplete(text) {
            switch reader.readLine(prompt: Prompt.continuation(colors: session.output.colors)) {
            case .line(let next): text += "\n" + next
            case .interrupt: return nil
            case .endOfInput: return (text, false)
            }
        }
        return (text, true)
    }

    /// Runs one line (which may hold several commands separated by `;`); returns its exit status.
    package func run(line: String, session: ShellSession) async -> Int32 {
        let commands: [TokenizedCommand]
        do {
            commands = try ShellTokenizer.tokenize(line)
        } catch {
            return ErrorReport.show(error, session: session)
        }
        if !commands.isEmpty, !SecretFilter.mayCarrySecret(line) { session.history.append(line) }
        // Commands after a `;` run after a failure only with `set on-error continue`; the line's status is then
        // that of its last failure.
        var status: Int32 = 0
        for command in commands {
            let outcome = await run(command, input: line, session: session)
            if outcome != 0 {
                status = outcome
                if !session.context.continueOnError { return status }
            }
            if session.exitRequested { break }
        }
        return status
    }

    /// Runs one tokenized command: echoes it (`-x`), expands its variables, runs it, and records it when a
    /// transcript is being written (after it ran, with the variables as they were when it started).
    private func run(_ command: TokenizedCommand, input: String, session: ShellSession) async -> Int32 {
        if session.echoes { session.output.standardOutput("+ " + command.source + "\n") }
        let expander = VariableExpander(
            context: session.context, lastResult: session.lastResult,
            variables: session.variables.values)
        let words: [String]
        do {
            words = try expander.expand(command)
        } catch {
            if Self.isRecorded(command) { session.recorder?.recordUnexpanded(command) }
            return ErrorReport.show(error, session: session)
        }
        session.replayWords = []
        let status = await run(words: words, session: session)
        let bindings = session.variables.takePending()
        if Self.isRecorded(command) {
            session.recorder?.record(
                command, words: words, input: input, expander: expander, status: status, bindings: bindings,
                context: session.context, adding: session.replayWords)
        }
        return status
    }

    /// Whether a command goes into a transcript: `record` steers the recording, `source` is recorded as the
    /// commands of its file, `exit` (`quit`) ends the recording rather than being part of it, and `clear` only
    /// wipes the screen it was typed at.
    private static func isRecorded(_ command: TokenizedCommand) -> Bool {
        !["record", "source", "exit", "quit", "clear"].contains(command.words.first?.text ?? "")
    }

    /// Runs one command given as words (the one-shot CLI: `automl models --dataset D`). `--endpoint`, `--project`,
    /// `--location` and `--format` anywhere among them apply to this command only.
    package func run(words: [String], session: ShellSession) async -> Int32 {
        session.runner = self
        let extracted: (words: [String], overrides: ContextOverrides)
        do {
            extracted = try GlobalOptions.extract(from: words)
        } catch {
            ErrorReport.show(error, session: session)
            return 2
        }
        return await session.withOverrides(extracted.overrides) {
            await run(parsed: extracted.words, session: session)
        }
    }

    private func run(parsed words: [String], session: ShellSession) async -> Int32 {
        guard let first = words.first else { return 0 }
        if words == ["help", "vertex"] {
            session.output.standardOutput(VertexHelp.text(width: session.output.width) + "\n")
            return 0
        }
        if let suggestion = CommandSuggestion.unknownCommand(first) {
            session.output.standardError("error: unknown command \"\(first)\"\(suggestion)\n")
            return 2
        }
        let command: any ParsableCommand
        do {
            command = try ShellRoot.parseAsRoot(words)
        } catch {
            return ErrorReport.showParseError(error, session: session)
        }
        if let group = command as? any CommandGroup {
            session.output.standardOutput(ShellRoot.helpMessage(for: type(of: group)) + "\n")
            return 0
        }
        guard let shellCommand = command as? any ShellCommand else {
            // ArgumentParser's own `help` command: running it throws the help text as a clean exit.
            var builtIn = command
            do {
                try builtIn.run()
                return 0
            } catch {
                return ErrorReport.showParseError(error, session: session)
            }
        }
        let operationBefore = session.context.operation
        do {
            if session.interactive {
                try await CommandInterrupt.catching { try await shellCommand.run(in: session) }
            } else {
                try await shellCommand.run(in: session)
            }
            return 0
        } catch {
            let status = ErrorReport.show(error, session: session)
            if shellCommand is any StartsOperation {
                let name = words.prefix(while: { !$0.hasPrefix("-") }).prefix(
                    first == "dataset" || first == "model" ? 2 : 1)
                session.forgetOperation(after: name.joined(separator: " "), failedBeforeStarting: operationBefore)
            }
            return status
        }
    }
}

/// "did you mean" for a mistyped command.
enum CommandSuggestion {
    static var commandNames: [String] {
        ShellRoot.configuration.subcommands.flatMap { [$0.configuration.commandName ?? ""] + $0.configuration.aliases }
            + ["help"]
    }

    /// nil when `word` is a command; otherwise the text to append to the error (possibly empty).
    static func unknownCommand(_ word: String) -> String? {
        let names = commandNames
        if names.contains(word) || word.hasPrefix("-") { return nil }
        let close = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
            .sorted { $0.1 < $1.1 }.map(\.0)
        if let best = close.first { return "; did you mean \"\(best)\"?" }
        return " (`help` lists the commands)"
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
