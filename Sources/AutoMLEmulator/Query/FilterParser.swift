/// Reads the filter grammar described on ``FilterExpression`` into terms, one character at a time.
struct FilterParser {
    private let text: String
    private let list: FilterableList
    private var scanner: FilterScanner

    init(text: String, list: FilterableList) {
        self.text = text
        self.list = list
        scanner = FilterScanner(text)
    }

    /// The terms of the whole text, or the first problem found.
    mutating func parse() throws(FilterError) -> [FilterTerm] {
        scanner.skipWhitespace()
        guard !scanner.atEnd else { return [] }
        var terms = [try parseTerm()]
        while true {
            scanner.skipWhitespace()
            guard !scanner.atEnd else { return terms }
            let word = wordAtPosition()
            switch word {
            case "AND":
                scanner.position += word.count
                scanner.skipWhitespace()
                guard !scanner.atEnd else { throw failure("the filter ends after AND; a term must follow it") }
                terms.append(try parseTerm())
            case "OR":
                throw failure("OR is not supported; terms can only be joined with AND")
            case _ where word.lowercased() == "and":
                throw failure("\(FilterValue.quoted(word)) must be written AND: keywords are case-sensitive")
            case _ where word.lowercased() == "or":
                throw failure("OR is not supported; terms can only be joined with AND")
            default:
                throw failure("expected AND before \(FilterValue.quoted(scanner.token()))")
            }
        }
    }

    // MARK: - Terms

    private mutating func parseTerm() throws(FilterError) -> FilterTerm {
        let negated = readNegation()
        if scanner.peek == "(" || scanner.peek == ")" { throw failure("parentheses are not supported") }
        let name = readFieldName()
        guard !name.isEmpty else {
            throw failure("expected a field name at \(FilterValue.quoted(scanner.token()))")
        }
        guard let field = list.field(spelled: name) else { throw unknownField(name) }
        scanner.skipWhitespace()
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
        scanner.skipWhitespace()
        if operation == .has {
            guard scanner.peek == "*" else {
                throw failure("only \"\(name):*\" (the field is set) is supported after \":\"")
            }
            scanner.position += 1
            return FilterTerm(field: field, test: negated ? .absent : .present)
        }
        let operand = try readOperand(for: field, name: name, operation: operation)
        return FilterTerm(field: field, test: operation == .equals ? .equals(operand) : .notEquals(operand))
    }

    /// Consumes `NOT ` or `-` and says whether there was one.
    private mutating func readNegation() -> Bool {
        if scanner.peek == "-" {
            scanner.position += 1
            return true
        }
        let word = wordAtPosition()
        guard word == "NOT" else { return false }
        scanner.position += word.count
        scanner.skipWhitespace()
        return true
    }

    private mutating func readFieldName() -> String {
        var name = ""
        while let character = scanner.peek,
            character.isLetter || character.isNumber || character == "_" || character == "."
        {
            guard !name.isEmpty || !character.isNumber else { break }
            name.append(character)
            scanner.position += 1
        }
        return name
    }

    private mutating func readOperator(after name: String) throws(FilterError) -> FilterOperator {
        for unsupported in ["<=", ">=", "==", "<", ">", "~"] where scanner.isLooking(at: unsupported) {
            let hint = unsupported == "==" ? "; use =" : ""
            throw failure("operator \(FilterValue.quoted(unsupported)) is not supported\(hint)")
        }
        if scanner.isLooking(at: "!=") {
            scanner.position += 2
            return .notEquals
        }
        if scanner.isLooking(at: "=") || scanner.isLooking(at: ":") {
            scanner.position += 1
            return scanner.characters[scanner.position - 1] == "=" ? .equals : .has
        }
        if scanner.atEnd { throw failure("expected =, != or :* after \(FilterValue.quoted(name))") }
        let word = wordAtPosition()
        if word.lowercased() == "not" || word.lowercased() == "and" || word.lowercased() == "or" {
            throw failure(
                "keywords are case-sensitive and go between terms; expected =, != or :* after "
                    + FilterValue.quoted(name))
        }
        throw failure(
            "expected =, != or :* after \(FilterValue.quoted(name)), found "
                + FilterValue.quoted(scanner.token()))
    }

    // MARK: - Values

    private mutating func readOperand(
        for field: CanonicalField, name: String, operation: FilterOperator
    ) throws(FilterError) -> FilterOperand {
        let value: String
        if scanner.peek == "\"" {
            value = try scanner.readQuoted(failing: failure)
        } else {
            value = scanner.readBare()
            // A bare keyword is a missing value (`dataset_id= AND …`); quote it to compare with the word itself.
            guard !value.isEmpty, value != "AND", value != "OR" else {
                scanner.position -= value.count
                let found = scanner.atEnd ? "" : ", found " + FilterValue.quoted(scanner.token())
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

    // MARK: - Scanning

    /// The run of letters at the cursor, without consuming it.
    private func wordAtPosition() -> String {
        String(scanner.characters[scanner.position...].prefix { $0.isLetter })
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
