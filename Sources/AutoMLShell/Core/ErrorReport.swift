import ArgumentParser
import AutoMLClient
import Foundation

/// Turns any error into one clear line on standard error (plus a hint line) and an exit status.
enum ErrorReport {
    @discardableResult
    static func show(_ error: any Error, session: ShellSession) -> Int32 {
        if let failure = error as? SourceFailure, failure.isNested { return failure.status }
        let (message, hint, status) = describe(error, session: session)
        var text = "error: \(message)\n"
        if let hint { text += "hint: \(hint)\n" }
        session.output.standardError(session.output.colors ? "\u{1B}[31m\(text)\u{1B}[0m" : text)
        return status
    }

    /// An error before any session exists (the flags of `automl` itself): its message and hint on standard error.
    static func print(_ error: any Error, to output: ShellOutput) {
        switch error {
        case let error as ShellError:
            output.standardError("error: \(error.message)\n" + (error.hint.map { "hint: \($0)\n" } ?? ""))
        default:
            output.standardError("error: \(error)\n")
        }
    }

    /// Errors from parsing a command: help goes to standard output; usage errors show the usage.
    static func showParseError(_ error: any Error, session: ShellSession) -> Int32 {
        let message = ShellRoot.fullMessage(for: error)
        if ShellRoot.exitCode(for: error) == .success {
            session.output.standardOutput(message + "\n")
            return 0
        }
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = (lines.first ?? message).replacingOccurrences(of: "Error: ", with: "")
        var text = "error: \(first)\n"
        let rest = lines.dropFirst().joined(separator: "\n").trimmingCharacters(in: ["\n", " "])
        if !rest.isEmpty { text += rest + "\n" }
        session.output.standardError(text)
        return 2
    }

    /// The error's message alone, for a note that mentions it.
    static func oneLine(_ error: any Error, session: ShellSession) -> String {
        describe(error, session: session).0
    }

    static func describe(_ error: any Error, session: ShellSession) -> (String, String?, Int32) {
        switch error {
        case let error as ShellError:
            return (error.message, error.hint, 1)
        case let error as SourceFailure:
            return (error.description, nil, error.status)
        case let error as AutoMLError:
            return ("\(error.code.name): \(error.message)", hint(for: error, session: session), 1)
        case let error as TransportError:
            let hint =
                error.kind == .connectFailed
                ? "is the server running? `use endpoint local` switches to the local server" : nil
            return ("\(error.kind): \(error.message)", hint, 1)
        case let error as ResourceNameError:
            return (error.description, nil, 2)
        case let error as ShellSyntaxError:
            // Like a usage error: the line could not be read as commands.
            return (error.description, "close the quote, or end the line without a backslash", 2)
        case let error as CredentialsError:
            return (
                "credentials: \(error.message)",
                "set GOOGLE_OAUTH_ACCESS_TOKEN, GOOGLE_APPLICATION_CREDENTIALS, or run gcloud auth login", 1
            )
        default:
            return (String(describing: error), nil, 1)
        }
    }

    private static func hint(for error: AutoMLError, session: ShellSession) -> String? {
        // An operation's own error (no HTTP status) is about its work, such as a missing CSV, not about an ID.
        if error.httpStatus == nil, error.code == .notFound || error.code == .permissionDenied { return nil }
        return switch error.code {
        case .notFound: "check the ID: `datasets`, `models` and `operations` list what exists"
        case .unauthenticated:
            "the token is missing or expired: refresh it (gcloud auth print-access-token) and try again"
        case .permissionDenied:
            error.message.contains("bucket")
                ? "`set bucket NAME` names a bucket of your project's (the shell creates it on the local backend)"
                : "the credentials may not use project \(session.context.project ?? "?")"
        case .unavailable, .resourceExhausted: "the service is busy; try again in a moment"
        default: nil
        }
    }
}
