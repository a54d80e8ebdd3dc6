/// Writes one command of a recorded session as a transcript line that replays on another backend: each word as
/// the runner parsed it, with the resource IDs in it replaced as ``TranscriptNames`` says, whatever form they were
/// typed in (bare, `--flag=ID`, quoted, a full resource name, or reached through `$last`). Pure.
struct TranscriptLine {
    /// The line, and the notes for IDs that may not replay (written after it as a comment).
    var text: String
    var comments: [String]

    /// The variables of the context, which replay the same way as long as the commands before do.
    private static let contextVariables: Set<String> = ["dataset", "model", "operation", "project", "location"]

    /// - Parameters:
    ///   - command: The command as the tokenizer read it.
    ///   - input: The text it was tokenized from (its words' byte ranges point into it).
    ///   - expander: What the variables held when the command ran.
    init(_ command: TokenizedCommand, input: String, expander: VariableExpander, names: TranscriptNames) {
        let bytes = Array(input.utf8)
        var words: [String] = []
        var comments: [String] = []
        for word in command.words {
            let source =
                word.utf8Range.upperBound <= bytes.count
                ? String(decoding: bytes[word.utf8Range], as: UTF8.self) : ShellQuoting.quote(word.text)
            guard let pieces = try? Self.pieces(of: word, expander: expander, names: names) else {
                words.append(source)
                continue
            }
            let rewritten = Self.replacingIDs(in: pieces.list, names: names, comments: &comments)
            words.append(pieces.changed || rewritten.changed ? Self.write(rewritten.list) : source)
        }
        text = words.joined(separator: " ")
        self.comments = comments
    }

    /// The line with its comments, as written to the file.
    var written: String {
        comments.isEmpty ? text : text + "  # " + comments.joined(separator: "; ")
    }

    /// A piece of a word: text (quoted as needed when written) or a variable reference kept as a reference.
    enum Piece: Hashable {
        case text(String)
        case variable(String, takesID: Bool)
    }

    /// The word's pieces: literal text as typed, references that replay kept, the others (`$last…`, variables bound
    /// before the recording) replaced by their values. `changed` is whether any value was put in.
    private static func pieces(of word: ShellWord, expander: VariableExpander, names: TranscriptNames) throws
        -> (list: [Piece], changed: Bool)
    {
        var list: [Piece] = []
        var changed = false
        for part in word.parts {
            guard part.expands, part.text.contains("$") else {
                list.append(.text(part.text))
                continue
            }
            for segment in try expander.segments(of: part.text) {
                switch segment {
                case .literal(let text):
                    list.append(.text(text))
                case .reference(let reference, let value):
                    let plain = reference.path?.components.isEmpty == true
                    if plain, contextVariables.contains(reference.name) || names.isBound(reference.name) {
                        list.append(.variable(reference.name, takesID: reference.path?.takesID == true))
                    } else {
                        list.append(.text(value))
                        changed = true
                    }
                }
            }
        }
        return (merged(list), changed)
    }

    /// Adjacent text pieces joined.
    private static func merged(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        for piece in pieces {
            if case .text(let text) = piece, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + text)
            } else {
                result.append(piece)
            }
        }
        return result
    }

    /// Replaces the IDs in the text pieces. A piece that is a whole word (or the value of `--flag=`) and names one
    /// resource (an ID or a full resource name) becomes that resource's replacement, display name included; inside
    /// other text only variables replace IDs, and other known IDs stay with a comment.
    private static func replacingIDs(in pieces: [Piece], names: TranscriptNames, comments: inout [String])
        -> (list: [Piece], changed: Bool)
    {
        if pieces.count == 1, case .text(let text) = pieces[0], let whole = wholeResource(text) {
            switch names.replacement(for: whole.id) {
            case .variable(let variable)?:
                return ([.text(whole.prefix), .variable(variable, takesID: false)].filter { $0 != .text("") }, true)
            case .displayName(let name)?:
                return ([.text(whole.prefix + name)], true)
            case .literal(let comment)?:
                comments.append(comment)
                return (pieces, false)
            case nil:
                // A path such as `models/ICN1` is one ID only on Vertex AI; elsewhere its IDs are replaced below.
                if !whole.id.contains("/") { return (pieces, false) }
            }
        }
        var result: [Piece] = []
        var changed = false
        for piece in pieces {
            guard case .text(let text) = piece else {
                result.append(piece)
                continue
            }
            var literal = ""
            for run in alphanumericRuns(text) {
                guard run.isID, let replacement = names.replacement(for: run.text) else {
                    literal += run.text
                    continue
                }
                switch replacement {
                case .variable(let variable):
                    if !literal.isEmpty { result.append(.text(literal)) }
                    literal = ""
                    result.append(.variable(variable, takesID: false))
                    changed = true
                case .displayName:
                    comments.append("\(run.text) existed before the recording; written as it is inside a longer word")
                    literal += run.text
                case .literal(let comment):
                    comments.append(comment)
                    literal += run.text
                }
            }
            if !literal.isEmpty { result.append(.text(literal)) }
        }
        return (result, changed)
    }

    /// `ICN1`, `projects/p/locations/l/datasets/ICN1` or `…/models/M/modelEvaluations/E`, optionally after
    /// `--flag=` (the prefix): the ID of the resource it names.
    private static func wholeResource(_ text: String) -> (prefix: String, id: String)? {
        var prefix = ""
        var value = Substring(text)
        if text.hasPrefix("-"), let equals = text.firstIndex(of: "=") {
            prefix = String(text[...equals])
            value = text[text.index(after: equals)...]
        }
        let segments = value.split(separator: "/", omittingEmptySubsequences: false)
        let collections: Set<Substring> = [
            "datasets", "models", "operations", "modelEvaluations", "trainingPipelines", "endpoints", "evaluations",
            "slices",
        ]
        func isID(_ text: Substring) -> Bool {
            !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        // A Vertex AI operation's reference (`trainingPipelines/1`, `datasets/2/operations/3`) is its ID as a whole.
        if [2, 4].contains(segments.count), collections.contains(segments[0]),
            segments.count == 2 || segments[2] == "operations",
            stride(from: 1, to: segments.count, by: 2).allSatisfy({ isID(segments[$0]) })
        {
            return (prefix, String(value))
        }
        switch segments.count {
        case 1:
            break
        case 6, 8, 10:
            guard segments[0] == "projects", segments[2] == "locations",
                stride(from: 4, to: segments.count, by: 2).allSatisfy({ collections.contains(segments[$0]) })
            else { return nil }
        default:
            return nil
        }
        guard let id = segments.last, !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return (prefix, String(id))
    }

    /// The text cut into runs of ASCII letters and digits and runs of everything else, in order.
    private static func alphanumericRuns(_ text: String) -> [(text: String, isID: Bool)] {
        var runs: [(text: String, isID: Bool)] = []
        for character in text {
            let isID = character.isASCII && (character.isLetter || character.isNumber)
            if let last = runs.last, last.isID == isID {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append((String(character), isID))
            }
        }
        return runs
    }

    /// Writes pieces as one word: text quoted where needed, variables as `$name` (braced when text follows that could
    /// continue the name).
    static func write(_ pieces: [Piece]) -> String {
        var word = ""
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text):
                if !text.isEmpty { word += ShellQuoting.quote(text) }
            case .variable(let name, let takesID):
                var next: Character?
                if index + 1 < pieces.count, case .text(let text) = pieces[index + 1] { next = text.first }
                let continues = next.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" } ?? false
                let reference = name + (takesID ? ":id" : "")
                word += continues ? "${\(reference)}" : "$" + reference
            }
        }
        return word.isEmpty ? "''" : word
    }
}
