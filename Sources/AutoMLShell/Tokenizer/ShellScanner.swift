/// The state machine under ``ShellTokenizer``: reads UTF-8 bytes once, left to right, and collects words and
/// commands. It never fails; the caller looks at ``mode`` when the input ends and decides whether that is an
/// error (a whole input) or the normal state of a line being typed (completion).
///
/// Every byte the rules care about is ASCII, so scanning bytes is safe for UTF-8 text and gives byte offsets
/// directly; a backslash takes the whole character after it.
struct ShellScanner {
    /// What the scanner is inside of.
    enum Mode: Equatable {
        case normal
        /// Inside `'…'` opened at this offset.
        case singleQuote(start: Int)
        /// Inside `"…"` opened at this offset.
        case doubleQuote(start: Int)
        /// After a `#` that started a word, up to the end of the line.
        case comment
        /// The input ended right after a backslash at this offset, outside quotes or inside double quotes.
        case danglingBackslash(start: Int, inDoubleQuote: Bool)
    }

    /// A word being read.
    struct WordBuilder {
        var start: Int
        var parts: [(bytes: [UInt8], quoting: ShellWord.Quoting)] = []

        /// Adds bytes to the last part when it has the same quoting, or starts a part.
        mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ quoting: ShellWord.Quoting) {
            if let last = parts.indices.last, parts[last].quoting == quoting {
                parts[last].bytes.append(contentsOf: bytes)
            } else {
                parts.append((Array(bytes), quoting))
            }
        }

        /// Starts a part even when the last one has the same quoting, so `"a""b"` keeps two parts and an
        /// opening quote with nothing after it still makes a (empty) part.
        mutating func beginPart(_ quoting: ShellWord.Quoting) {
            parts.append(([], quoting))
        }

        func build(end: Int) -> ShellWord {
            ShellWord(
                parts: parts.map { .init(String(decoding: $0.bytes, as: UTF8.self), $0.quoting) },
                utf8Range: start..<end)
        }
    }

    let bytes: [UInt8]
    private(set) var commands: [TokenizedCommand] = []
    /// The finished words of the command being read.
    private(set) var words: [ShellWord] = []
    /// The word being read, if any.
    private(set) var word: WordBuilder?
    private(set) var mode: Mode = .normal
    /// The current line, 1-based.
    private var line = 1
    /// The line the command being read started on.
    private var commandLine = 1

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Reads `bytes[..<end]`; call once.
    mutating func scan(upTo end: Int) {
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == ShellByte.newline { line += 1 }
            switch mode {
            case .normal: index = scanNormal(at: index, end: end)
            case .comment:
                if byte == ShellByte.newline {
                    mode = .normal
                    finishCommand()
                }
                index += 1
            case .singleQuote:
                if byte == ShellByte.singleQuote {
                    mode = .normal
                } else {
                    word?.append(CollectionOfOne(byte), .singleQuoted)
                }
                index += 1
            case .doubleQuote:
                index = scanDoubleQuoted(at: index, end: end)
            case .danglingBackslash:
                index += 1
            }
        }
    }

    /// Ends the word and the command being read; for a whole input that ended in the normal state or a comment.
    mutating func finish(at end: Int) {
        finishWord(at: end)
        finishCommand()
    }

    /// The line (1-based) and column (1-based, in characters) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: ShellByte.newline).map { $0 + 1 } ?? 0
        let line = before.count(where: { $0 == ShellByte.newline }) + 1
        return (line, String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
    }

    private mutating func scanNormal(at index: Int, end: Int) -> Int {
        switch bytes[index] {
        case ShellByte.space, ShellByte.tab, ShellByte.carriageReturn:
            finishWord(at: index)
        case ShellByte.newline, ShellByte.semicolon:
            finishWord(at: index)
            finishCommand()
        case ShellByte.singleQuote:
            startWord(at: index)
            word?.beginPart(.singleQuoted)
            mode = .singleQuote(start: index)
        case ShellByte.doubleQuote:
            startWord(at: index)
            word?.beginPart(.doubleQuoted)
            mode = .doubleQuote(start: index)
        case ShellByte.backslash:
            return scanBackslash(at: index, end: end)
        case ShellByte.hash where word == nil:
            mode = .comment
        default:
            startWord(at: index)
            word?.append(CollectionOfOne(bytes[index]), .unquoted)
        }
        return index + 1
    }

    private mutating func scanDoubleQuoted(at index: Int, end: Int) -> Int {
        switch bytes[index] {
        case ShellByte.doubleQuote:
            mode = .normal
            return index + 1
        case ShellByte.backslash where index + 1 >= end:
            mode = .danglingBackslash(start: index, inDoubleQuote: true)
            return index + 1
        case ShellByte.backslash where ShellByte.escapableInDoubleQuotes.contains(bytes[index + 1]):
            word?.append(CollectionOfOne(bytes[index + 1]), .escaped)
            return index + 2
        default:
            // Any other backslash is literal inside double quotes, as in POSIX sh.
            word?.append(CollectionOfOne(bytes[index]), .doubleQuoted)
            return index + 1
        }
    }

    /// A backslash outside quotes: the next character is literal; backslash-newline joins lines.
    private mutating func scanBackslash(at index: Int, end: Int) -> Int {
        guard index + 1 < end else {
            startWord(at: index)
            mode = .danglingBackslash(start: index, inDoubleQuote: false)
            return index + 1
        }
        if bytes[index + 1] == ShellByte.newline {
            line += 1
            return index + 2
        }
        startWord(at: index)
        let characterEnd = min(index + 1 + ShellByte.scalarLength(leadByte: bytes[index + 1]), end)
        word?.append(bytes[(index + 1)..<characterEnd], .escaped)
        return characterEnd
    }

    private mutating func startWord(at index: Int) {
        guard word == nil else { return }
        if words.isEmpty { commandLine = line }
        word = WordBuilder(start: index)
    }

    private mutating func finishWord(at end: Int) {
        guard let current = word else { return }
        words.append(current.build(end: end))
        word = nil
    }

    private mutating func finishCommand() {
        guard let first = words.first, let last = words.last else { return }
        let source = String(decoding: bytes[first.utf8Range.lowerBound..<last.utf8Range.upperBound], as: UTF8.self)
        commands.append(TokenizedCommand(words: words, source: source, line: commandLine))
        words = []
    }
}

/// The bytes the tokenizer treats specially.
enum ShellByte {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let doubleQuote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let dollar = UInt8(ascii: "$")
    static let singleQuote = UInt8(ascii: "'")
    static let semicolon = UInt8(ascii: ";")
    static let backslash = UInt8(ascii: "\\")

    /// What a backslash escapes inside double quotes; before anything else it is literal.
    static let escapableInDoubleQuotes: Set<UInt8> = [doubleQuote, backslash, dollar]

    /// The length in bytes of the UTF-8 sequence that starts with this byte (1 for a stray continuation byte).
    static func scalarLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
