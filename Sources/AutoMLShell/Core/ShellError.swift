/// A command that could not do what was asked, with a hint for what to do instead.
package struct ShellError: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    package var description: String { message }

    /// Ctrl-C stopped the command.
    static let interrupted = ShellError(
        "interrupted (Ctrl-C)",
        hint: "what the server had already started goes on: `operations --running` lists it")

    static func notSet(_ what: String, use command: String) -> ShellError {
        ShellError("no \(what) is set", hint: "choose one with `\(command)`, or name it in the command")
    }
}
