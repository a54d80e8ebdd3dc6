/// How a string is written in YAML: plain when it reads back as the same string, otherwise quoted.
///
/// Quoted are: the empty string; text with leading or trailing whitespace; text that starts with an indicator
/// (`-`, `?` or `:` followed by a space or alone; ``` [ ] { } , # & * ! | > ' " % @ ` ```); text holding `: ` or
/// ` #` or ending in `:`; words YAML 1.1 or 1.2 reads as null or booleans (`null`, `~`, `true`, `yes`, `off`,
/// `y`, …, any case); and anything that looks like a number or a date (`8000`, `1e5`, `0x1F`, `.inf`,
/// `2024-03-01T12:00:00Z`). Single quotes are used, with `''` for a quote, unless the text holds a control
/// character (a newline, a tab), which only double quotes can escape.
enum YAMLScalar {
    static func text(_ string: String) -> String {
        if string.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return doubleQuoted(string)
        }
        return needsQuotes(string) ? "'" + string.replacing("'", with: "''") + "'" : string
    }

    static func needsQuotes(_ string: String) -> Bool {
        guard let first = string.first, let last = string.last else { return true }
        if first.isWhitespace || last.isWhitespace { return true }
        if alwaysIndicators.contains(first) { return true }
        if spaceIndicators.contains(first), string.count == 1 || string.dropFirst().first == " " { return true }
        if string.contains(": ") || string.contains(" #") || last == ":" { return true }
        if reservedWords.contains(string.lowercased()) { return true }
        return looksNumeric(string)
    }

    /// Text YAML might read as a number, a date or a time: it starts with a digit (or a sign or dot then a
    /// digit) and holds only characters numbers and dates are written with.
    private static func looksNumeric(_ string: String) -> Bool {
        let characters = Array(string)
        let digitAt = { (index: Int) in
            index < characters.count && characters[index].isASCII && characters[index].isNumber
        }
        guard digitAt(0) || ("+-.".contains(characters[0]) && digitAt(1)) else { return false }
        return characters.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_:.+-".contains($0)) }
    }

    private static func doubleQuoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u" + JSONRenderer.hex4(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static let alwaysIndicators: Set<Character> = [
        "[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]
    private static let spaceIndicators: Set<Character> = ["-", "?", ":"]
    private static let reservedWords: Set<String> = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
        ".inf", "-.inf", "+.inf", ".nan", "<<", "=",
    ]
}
