/// Reads the filter grammar described on ``FilterExpression`` into terms, one character at a time.
struct FilterParser {
    private let text: String
    private let list: FilterableList
    private let characters: [Character]
    private var position = 0

    init(text: String, list: FilterableList) {
        self.text = text
        self.list = list
        // One Character per Unicode scalar, so that a value never merges with the quote after it (see
        // VertexFilterParser).
        characters = text.unicodeScalars.map(Character.init)
    }

    /// The terms of the whole text, or the first problem found.
    mutating func parse() throws(FilterError) -> [FilterTerm] {
        skipWhitespace()
        guard !atEnd else { return [] }
        var terms = [try parseTerm()]
        while true {
            skipWhitespace()
            guard !atEnd else { return terms }
            let word = wordAtPosition()
            switch word {
            case "AND":
                position += word.count
                skipWhitespace()
                guard !atEnd else { throw failure("the filter ends after AND; a term must follow it") }
                terms.append(try parseTerm())
            case "OR":
                throw failure("OR is not supported; terms can only be joined with AND")
            case _ where word.lowercased() == "and":
                throw failure("\(FilterValue.quoted(word)) must be written AND: keywords are case-sensitive")
            case _ where word.lowercased() == "or":
                throw failure("OR is not supported; terms can only be joined with AND")
            default:
                throw failure("expected AND before \(FilterValue.quoted(tokenAtPosition()))")
            }
        }
    }

    // MARK: - Terms

    private mutating func parseTerm() throws(FilterError) -> FilterTerm {
        let negated = readNegation()
        if peek == "(" || peek == ")" { throw failure("parentheses are not supported") }
        let name = readFieldName()
        guard !name.isEmpty else {
            throw failure("expected a field name at \(FilterValue.quoted(tokenAtPosition()))")
        }
        guard let field = list.field(spelled: name) else { throw unknownField(name) }
        skipWhitespace()
        let operation = try readOperator(after: name)
        if negated && operation != .has {
            throw failure(
                "NOT and - apply only to existence tests such as \"NOT \(name):*\"; "
                    + "use != to exclude a value")
        }
        guard field.operators.contains(operation) else {
            let allowed = field.operators.map { "\(name)\($0.symbol)" }.joined(separator: ", ")
            throw failure("\(name) does not support \(operation.symbol); use \(allowed)")
        }
        skipWhitespace()
        if operation == .has {
            guard peek == "*" else {
                throw failure("only \"\(name):*\" (the field is set) is supported after \":\"")
            }
            position += 1
            return FilterTerm(field: field, test: negated ? .absent : .present)
        }
        let operand = try readOperand(for: field, name: name, operation: operation)
        return FilterTerm(field: field, test: operation == .equals ? .equals(operand) : .notEquals(operand))
    }

    /// Consumes `NOT ` or `-` and says whether there was one.
    private mutating func readNegation() -> Bool {
        if peek == "-" {
            position += 1
            return true
        }
        let word = wordAtPosition()
        guard word == "NOT" else { return false }
        position += word.count
        skipWhitespace()
        return true
    }

    private mutating func readFieldName() -> String {
        var name = ""
        while let character = peek, character.isLetter || character.isNumber || character == "_" || character == "." {
            guard !name.isEmpty || !character.isNumber else { break }
            name.append(character)
            position += 1
        }
        return name
    }

    private mutating func readOperator(after name: String) throws(FilterError) -> FilterOperator {
        let rest = String(characters[position..<min(position + 2, characters.count)])
        for unsupported in ["<=", ">=", "==", "<", ">", "~"] where rest.hasPrefix(unsupported) {
            let hint = unsupported == "==" ? "; use =" : ""
            throw failure("operator \(FilterValue.quoted(unsupported)) is not supported\(hint)")
        }
        if rest.hasPrefix("!=") {
            position += 2
            return .notEquals
        }
        if rest.hasPrefix("=") || rest.hasPrefix(":") {
            position += 1
            return rest.hasPrefix("=") ? .equals : .has
        }
        if atEnd { throw failure("expected =, != or :* after \(FilterValue.quoted(name))") }
        let word = wordAtPosition()
        if word.lowercased() == "not" || word.lowercased() == "and" || word.lowercased() == "or" {
            throw failure(
                "keywords are case-sensitive and go between terms; expected =, != or :* after "
                    + FilterValue.quoted(name))
        }
        throw failure(
            "expected =, != or :* after \(FilterValue.quoted(name)), found "
                + FilterValue.quoted(tokenAtPosition()))
    }

    // MARK: - Values

    private mutating func readOperand(
        for field: CanonicalField, name: String, operation: FilterOperator
    ) throws(FilterError) -> FilterOperand {
        let value: String
        if peek == "\"" {
            value = try readQuoted()
        } else {
            value = readBare()
            // A bare keyword is a missing value (`dataset_id= AND …`); quote it to compare with the word itself.
            guard !value.isEmpty, value != "AND", value != "OR" else {
                position -= value.count
                let found = atEnd ? "" : ", found " + FilterValue.quoted(tokenAtPosition())
                throw failure("missing value after \(FilterValue.quoted(name + operation.symbol))\(found)")
            }
        }
        switch field.valueKind {
        case .bool:
            guard value == "true" || value == "false" else {
                throw failure("\(name) takes true or false, not \(FilterValue.quoted(value))")
            }
            return .value(.bool(value == "true"))
        case .string, .presence:
            guard field.acceptsChildWildcard, value.contains("*") else { return .value(.string(value)) }
            guard value.hasSuffix("/*"), !value.dropLast().contains("*") else {
                throw failure(
                    "\(FilterValue.quoted(value)): * is only supported as the last segment, as in "
                        + "\"projects/P/locations/L/models/*\"")
            }
            return .anyChild(of: String(value.dropLast()))
        }
    }

    /// A double-quoted string with `\"` and `\\` escapes; the cursor is on the opening quote.
    private mutating func readQuoted() throws(FilterError) -> String {
        let start = position
        position += 1
        var value = ""
        while let character = peek {
            position += 1
            switch character {
            case "\"":
                return value
            case "\\":
                guard let escaped = peek else { break }
                value.append(escaped)
                position += 1
            default:
                value.append(character)
            }
        }
        throw failure("unterminated quoted value " + String(characters[start...]))
    }

    /// A value up to the next blank or parenthesis.
    private mutating func readBare() -> String {
        var value = ""
        while let character = peek, !character.isWhitespace, character != "(", character != ")" {
            value.append(character)
            position += 1
        }
        return value
    }

    // MARK: - Scanning

    private var atEnd: Bool { position >= characters.count }

    private var peek: Character? { atEnd ? nil : characters[position] }

    private mutating func skipWhitespace() {
        while let character = peek, character.isWhitespace { position += 1 }
    }

    /// The run of letters at the cursor, without consuming it.
    private func wordAtPosition() -> String {
        String(characters[position...].prefix { $0.isLetter })
    }

    /// The word at the cursor (leading blanks skipped), up to the next blank (at most 40 characters), to quote in a message.
    private func tokenAtPosition() -> String {
        let token = characters[position...].drop { $0.isWhitespace }.prefix { !$0.isWhitespace }
        return token.count > 40 ? String(token.prefix(40)) + "…" : String(token)
    }

    // MARK: - Errors

    private func failure(_ problem: String) -> FilterError {
        FilterError(problem, filter: text, list: list)
    }

    private func unknownField(_ name: String) -> FilterError {
        let lowered = name.lowercased()
        if lowered == "not" || lowered == "and" || lowered == "or" {
            return failure(
                "\(FilterValue.quoted(name)) is not a field; keywords are case-sensitive (NOT, AND) "
                    + "and OR is not supported")
        }
        return failure("unknown field \(FilterValue.quoted(name))")
    }
}
