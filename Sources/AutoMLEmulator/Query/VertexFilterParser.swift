import AutoMLWire

/// Reads the grammar described on ``VertexFilterExpression`` into a condition by recursive descent, one method per
/// rule, one character at a time.
struct VertexFilterParser {
    /// How deeply NOT and parentheses may nest; a deeper filter is refused rather than allowed to exhaust the stack.
    static let maximumDepth = 64

    private static let keywords: Set<String> = ["AND", "OR", "NOT"]

    private let text: String
    private let list: VertexFilterableList
    private let characters: [Character]
    private var position = 0
    private var depth = 0

    init(text: String, list: VertexFilterableList) {
        self.text = text
        self.list = list
        // One Character per Unicode scalar: a value's last character must never merge with the quote after it into
        // one grapheme (a prepended mark such as U+0600 does), or a canonical `"؀"` would not read back.
        characters = text.unicodeScalars.map(Character.init)
    }

    /// The condition of the whole text (nil when it is blank), or the first problem found.
    mutating func parse() throws(FilterError) -> VertexFilterCondition? {
        skipWhitespace()
        guard !atEnd else { return nil }
        let condition = try parseExpression()
        skipWhitespace()
        // An expression stops only at the end or at a ")"; at the top level that ")" has no "(".
        guard atEnd else { throw failure("\")\" closes no \"(\"") }
        // The parsed tree is held to the limit too (precedence can nest it deeper than the text did), so that the
        // canonical form, which parenthesizes every nested group, is never refused where the filter was accepted.
        guard condition.nesting <= Self.maximumDepth else { throw tooDeep() }
        return condition
    }

    // MARK: - Logical structure

    /// `expression = sequence { "AND" sequence }` and `sequence = factor { factor }`: both are conjunctions. Stops
    /// before a `)` or at the end.
    private mutating func parseExpression() throws(FilterError) -> VertexFilterCondition {
        var parts = [try parseFactor()]
        while true {
            skipWhitespace()
            guard !atEnd, peek != ")" else { return .allOf(parts) }
            if wordAtPosition() == "AND" {
                position += 3
                try expectTerm(after: "AND")
            }
            parts.append(try parseFactor())
        }
    }

    /// `factor = term { "OR" term }`: OR binds tighter than AND, as AIP-160 specifies.
    private mutating func parseFactor() throws(FilterError) -> VertexFilterCondition {
        var parts = [try parseTerm()]
        while true {
            skipWhitespace()
            guard wordAtPosition() == "OR" else { return .anyOf(parts) }
            position += 2
            try expectTerm(after: "OR")
            parts.append(try parseTerm())
        }
    }

    /// `term = [ "NOT" | "-" ] simple`; a negated term may itself be negated.
    private mutating func parseTerm() throws(FilterError) -> VertexFilterCondition {
        try enterNesting()
        defer { depth -= 1 }
        skipWhitespace()
        if peek == "-" {
            position += 1
            try expectTerm(after: "-")
            return .not(try parseTerm())
        }
        if wordAtPosition() == "NOT" {
            position += 3
            if let next = peek, !next.isWhitespace, next != "(" {
                throw failure("NOT must be followed by a blank or \"(\", then a term")
            }
            try expectTerm(after: "NOT")
            return .not(try parseTerm())
        }
        return try parseSimple()
    }

    /// `simple = restriction | "(" expression ")"`.
    private mutating func parseSimple() throws(FilterError) -> VertexFilterCondition {
        guard peek == "(" else { return .comparison(try parseRestriction()) }
        let opening = position
        position += 1
        skipWhitespace()
        guard !atEnd else { throw failure("the filter ends after \"(\"") }
        if peek == ")" { throw failure("empty parentheses: a term must go between \"(\" and \")\"") }
        let inner = try parseExpression()
        skipWhitespace()
        guard peek == ")" else { throw failure("the \"(\" at character \(opening + 1) is never closed") }
        position += 1
        return inner
    }

    /// Skips blanks after `keyword` and checks that a term follows.
    private mutating func expectTerm(after keyword: String) throws(FilterError) {
        skipWhitespace()
        guard let next = peek else { throw failure("the filter ends after \(keyword); a term must follow it") }
        if next == ")" { throw failure("\(keyword) must be followed by a term, not \")\"") }
    }

    private func tooDeep() -> FilterError {
        failure("NOT and parentheses nest more than \(Self.maximumDepth) deep")
    }

    private mutating func enterNesting() throws(FilterError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw tooDeep() }
    }

    // MARK: - Restrictions

    /// `restriction = target comparator value`.
    private mutating func parseRestriction() throws(FilterError) -> VertexFilterComparison {
        let (target, spelling) = try readTarget()
        skipWhitespace()
        let comparator = try readComparator(after: spelling)
        let allowed = list.comparators(for: target)
        guard allowed.contains(comparator) else {
            throw unsupported(comparator, on: target, spelled: spelling, allowed: allowed)
        }
        skipWhitespace()
        let operand = try readOperand(for: target, spelled: spelling, comparator: comparator)
        return VertexFilterComparison(target: target, comparator: comparator, operand: operand)
    }

    /// A field name or `labels.KEY`, checked against the list, with its spelling as written for messages.
    private mutating func readTarget() throws(FilterError) -> (VertexFilterTarget, String) {
        let start = position
        let name = readName()
        guard !name.isEmpty else {
            throw failure("expected a field name at \(FilterValue.quoted(tokenAtPosition()))")
        }
        if name == "AND" || name == "OR" {
            throw failure("expected a term before \(name); AND and OR go between two terms")
        }
        guard peek == "." else {
            guard let field = list.field(spelled: name) else { throw unknownField(name) }
            return (.field(field), name)
        }
        position += 1
        guard name == "labels" else {
            while let character = peek, character == "." || Self.isNameCharacter(character) { position += 1 }
            throw unknownField(String(characters[start..<position]))
        }
        let key = try readLabelKey()
        let target = VertexFilterTarget.label(key)
        guard list.fields.contains(.labels) else { throw unknownField(target.description) }
        return (target, target.description)
    }

    /// The key after `labels.`: letters, digits, `_` and `-`, or a quoted string for any other key.
    private mutating func readLabelKey() throws(FilterError) -> String {
        if peek == "\"" || peek == "'" {
            let key = try readQuoted()
            guard !key.isEmpty else { throw failure("a label key must not be empty") }
            return key
        }
        var key = ""
        while let character = peek, VertexFilterTarget.isBareLabelKeyCharacter(character) {
            key.append(character)
            position += 1
        }
        guard !key.isEmpty else { throw failure("expected a label key after \"labels.\"") }
        if let next = peek, next == "." || next == "/" {
            throw failure(
                "a label key with \".\" or \"/\" must be quoted, as in "
                    + "labels.\"aiplatform.googleapis.com/dataset_metadata_schema\"")
        }
        return key
    }

    private mutating func readComparator(after name: String) throws(FilterError) -> VertexFilterComparator {
        let ahead = String(characters[position..<min(position + 2, characters.count)])
        if ahead == "==" { throw failure("operator \"==\" is not supported; use =") }
        for comparator in VertexFilterComparator.scanningOrder where ahead.hasPrefix(comparator.rawValue) {
            position += comparator.rawValue.count
            return comparator
        }
        let expected = "expected =, !=, <, <=, >, >= or : after \(FilterValue.quoted(name))"
        guard !atEnd else { throw failure(expected) }
        throw failure(expected + ", found " + FilterValue.quoted(tokenAtPosition()))
    }

    /// The value after the comparator, read as the target's kind: `*` after `:` is ``VertexFilterOperand/present``,
    /// `create_time` takes an RFC 3339 time, `state` a pipeline state name.
    private mutating func readOperand(
        for target: VertexFilterTarget, spelled name: String, comparator: VertexFilterComparator
    ) throws(FilterError) -> VertexFilterOperand {
        let value: String
        if peek == "\"" || peek == "'" {
            value = try readQuoted()
        } else {
            value = readBare()
            // A bare keyword is a missing value (`display_name= AND …`); quote it to compare with the word itself.
            guard !value.isEmpty, !Self.keywords.contains(value) else {
                position -= value.count
                let found = atEnd ? "" : ", found " + FilterValue.quoted(tokenAtPosition())
                throw failure("missing value after \(FilterValue.quoted(name + comparator.rawValue))\(found)")
            }
        }
        if comparator == .has, value == "*" { return .present }
        guard case .field(let field) = target else { return .text(value) }
        switch field.valueKind {
        case .timestamp:
            guard let time = Timestamp(rfc3339: value) else {
                throw failure(
                    "\(name) takes an RFC 3339 time with a zone, such as \"2021-05-18T00:00:00Z\", not "
                        + FilterValue.quoted(value))
            }
            return .time(time)
        case .pipelineState:
            let names = VertexPipelineState.protoValueNames
            guard names.contains(value) else {
                throw failure(
                    "\(name) takes a pipeline state (\(names.joined(separator: ", "))), not "
                        + FilterValue.quoted(value))
            }
            return .text(value)
        case .text, .labels:
            return .text(value)
        }
    }

    // MARK: - Words and values

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// A field name: a letter or `_`, then letters, digits and `_`.
    private mutating func readName() -> String {
        var name = ""
        while let character = peek, Self.isNameCharacter(character), !name.isEmpty || !character.isNumber {
            name.append(character)
            position += 1
        }
        return name
    }

    /// A string in double or single quotes with backslash escapes (`\"`, `\\`); the cursor is on the opening quote.
    private mutating func readQuoted() throws(FilterError) -> String {
        let start = position
        guard let quote = peek else { return "" }
        position += 1
        var value = ""
        while let character = peek {
            position += 1
            if character == quote { return value }
            if character == "\\", let escaped = peek {
                value.append(escaped)
                position += 1
            } else {
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

    /// The run of name characters at the cursor, without consuming it: `AND` only when it is a whole word.
    private func wordAtPosition() -> String {
        String(characters[position...].prefix(while: Self.isNameCharacter))
    }

    /// The word at the cursor (leading blanks skipped), up to the next blank (at most 40 characters), to quote in a
    /// message.
    private func tokenAtPosition() -> String {
        let token = characters[position...].drop { $0.isWhitespace }.prefix { !$0.isWhitespace }
        return token.count > 40 ? String(token.prefix(40)) + "…" : String(token)
    }

    // MARK: - Errors

    private func failure(_ problem: String) -> FilterError {
        FilterError(problem, filter: text, vertex: list)
    }

    private func unknownField(_ name: String) -> FilterError {
        if ["and", "or", "not"].contains(name.lowercased()) {
            return failure(
                "\(FilterValue.quoted(name)) is not a field; the keywords AND, OR and NOT are case-sensitive")
        }
        return failure("unknown field \(FilterValue.quoted(name))")
    }

    private func unsupported(
        _ comparator: VertexFilterComparator, on target: VertexFilterTarget, spelled name: String,
        allowed: [VertexFilterComparator]
    ) -> FilterError {
        if target == .field(.labels) {
            return failure("labels does not support \(comparator); use labels:KEY, or labels.KEY with =, != or :")
        }
        let forms = allowed.map { "\(name)\($0)" }.joined(separator: ", ")
        return failure("\(name) does not support \(comparator); use \(forms)")
    }
}
