@testable import AutoMLShell

/// The shell's tokenizer on any text: a syntax error points inside the text; every word lies inside it; a word
/// quoted by `ShellQuoting` reads back as itself; completion's reading of any prefix does not fail.
enum TokenizerTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let length = text.utf8.count
        do {
            let commands = try ShellTokenizer.tokenize(text)
            for command in commands {
                for word in command.words {
                    require(word.utf8Range.lowerBound >= 0 && word.utf8Range.upperBound <= length, "word inside text")
                    let literal = word.parts.map(\.text).joined()
                    for style in [ShellQuoting.Style.minimal, .single, .double] {
                        let quoted = ShellQuoting.quote(literal, style: style)
                        let again = try? ShellTokenizer.tokenize(quoted)
                        let read = again?.first?.words.map { $0.parts.map(\.text).joined() }
                        require(
                            read == [literal],
                            "\(style) quoting of \(literal.debugDescription) reads back as \(String(describing: read))")
                    }
                }
            }
        } catch {
            require(error.utf8Offset >= 0 && error.utf8Offset <= length, "error offset inside text")
            require(error.line >= 1 && error.column >= 1, "error position from 1")
        }
        for cursor in [0, length / 2, length, length + 3] {
            let tokens = ShellTokenizer.tokenizeForCompletion(line: text, cursorUTF8Offset: cursor)
            require(tokens.replaceStart >= 0 && tokens.replaceStart <= length, "completion replaces inside the line")
        }
    }
}
