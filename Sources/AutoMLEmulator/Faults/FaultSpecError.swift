/// A fault spec or fault config file the emulator cannot use; the message names the problem and lists the keys.
struct FaultSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The complete message, ending with the list of valid keys.
    var message: String

    /// `problem`, followed by the keys a spec may use.
    init(_ problem: String) {
        message =
            "invalid fault spec: \(problem). Valid keys: "
            + FaultSpec.Key.allCases.map(\.usage).joined(separator: ", ")
            + " (DURATION like 50ms or 2s, SHARE from 0 to 1)"
    }

    var description: String { message }

    /// `text` in double quotes, for quoting what the user wrote.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
