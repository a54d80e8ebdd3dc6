import AutoMLWire

/// Reads the grammar described on ``VertexFilterExpression`` into a condition by recursive descent, one method per
/// rule, one character at a time.
struct VertexFilterParser {
    /// How deeply NOT and parentheses may nest; a deeper filter is refused rather than allowed to exhaust the stack.
    static let maximumDepth = 64

    private static let keywords: Set<String> = ["AND", "OR", "NOT"]

    private let text: String
    private let list: VertexFilterableList
    private var scanner: FilterScanner
    private var depth = 0

    init(text: String, list: VertexFilterableList) {
        self.text = text
        self.list = list
        scanner = FilterScanner(text)
    }

    /// The condition of the whole text (nil when it is blank), or the first problem found.
    mutating func parse() throws(FilterError) -> VertexFilterCondition? {
        scanner.skipWhitespace()
        guard !scanner.atEnd else { return nil }
        let condition = try parseExpression()
        scanner.skipWhitespace()
        // An expression stops only at the end or at a ")"; at the top level that ")" has no "(".
        guard scanner.atEnd else { throw failure("\")\" closes no \"(\"") }
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
            scanner.skipWhitespace()
            guard !scanner.atEnd, scanner.peek != ")" else { return .allOf(parts) }
            if wordAtPosition() == "AND" {
                scanner.position += 3
                try expectTerm(after: "AND")
            }
            parts.append(try parseFactor())
        }
    }

    /// `factor = term { "OR" term }`: OR binds tighter than AND, as AIP-160 specifies.
    private mutating func parseFactor() throws(FilterError) -> VertexFilterCondition {
        var parts = [try parseTerm()]
        while true {
            scanner.skipWhitespace()
            guard wordAtPosition() == "OR" else { return .anyOf(parts) }
            scanner.position += 2
            try expectTerm(after: "OR")
            parts.append(try parseTerm())
        }
    }

    /// `term = [ "NOT" | "-" ] simple`; a negated term may itself be negated.
    private mutating func parseTerm() throws(FilterError) -> VertexFilterCondition {
        try enterNesting()
        defer { depth -= 1 }
        scanner.skipWhitespace()
        if scanner.peek == "-" {
            scanner.position += 1
            try expectTerm(after: "-")
            return .not(try parseTerm())
        }
        if wordAtPosition() == "NOT" {
            scanner.position += 3
            if let next = scanner.peek, !next.isWhitespace, next != "(" {
                throw failure("NOT must be followed by a blank or \"(\", then a term")
            }
            try expectTerm(after: "NOT")
            return .not(try parseTerm())
        }
        return try parseSimple()
    }

    /// `simple = restriction | "(" expression ")"`.
    private mutating func parseSimple() throws(FilterError) -> VertexFilterCondition {
        guard scanner.peek == "(" else { return .comparison(try parseRestriction()) }
        let opening = scanner.position
        scanner.position += 1
        scanner.skipWhitespace()
        guard !scanner.atEnd else { throw failure("the filter ends after \"(\"") }
        if scanner.peek == ")" { throw failure("empty parentheses: a term must go between \"(\" and \")\"") }
        let inner = try parseExpression()
        scanner.skipWhitespace()
        guard scanner.peek == ")" else { throw failure("the \"(\" at character \(opening + 1) is never closed") }
        scanner.position += 1
        return inner
    }

    /// Skips blanks after `keyword` and checks that a term follows.
    private mutating func expectTerm(after keyword: String) throws(FilterError) {
        scanner.skipWhitespace()
        guard let next = scanner.peek else { throw failure("the filter ends after \(keyword); a term must follow it") }
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
        scanner.skipWhitespace()
        let comparator = try readComparator(after: spelling)
        let allowed = list.comparators(for: target)
        guard allowed.contains(comparator) else {
            throw unsupported(comparator, on: target, spelled: spelling, allowed: allowed)
        }
        scanner.skipWhitespace()
        let operand = try readOperand(for: target, spelled: spelling, comparator: comparator)
        return VertexFilterComparison(target: target, comparator: comparator, operand: operand)
    }

    /// A field name or `labels.KEY`, checked against the list, with its spelling as written for messages.
    private mutating func readTarget() throws(FilterError) -> (VertexFilterTarget, String) {
        let start = scanner.position
        let name = readName()
        guard !name.isEmpty else {
            throw failure("expected a field name at \(FilterValue.quoted(scanner.token()))")
        }
        if name == "AND" || name == "OR" {
            throw failure("expected a term before \(name); AND and OR go between two terms")
        }
        guard scanner.peek == "." else {
            guard let field = list.field(spelled: name) else { throw unknownField(name) }
            return (.field(field), name)
        }
        scanner.position += 1
        guard name == "labels" else {
            while let character = scanner.peek, character == "." || Self.isNameCharacter(character) {
                scanner.position += 1
            }
            throw unknownField(String(scanner.characters[start..<scanner.position]))
        }
        let key = try readLabelKey()
        let target = VertexFilterTarget.label(key)
        guard list.fields.contains(.labels) else { throw unknownField(target.description) }
        return (target, target.description)
    }

    /// The key after `labels.`: letters, digits, `_` and `-`, or a quoted string for any other key.
    private mutating func readLabelKey() throws(FilterError) -> String {
        if scanner.peek == "\"" || scanner.peek == "'" {
            let key = try scanner.readQuoted(failing: failure)
            guard !key.isEmpty else { throw failure("a label key must not be empty") }
            return key
        }
        var key = ""
        while let character = scanner.peek, VertexFilterTarget.isBareLabelKeyCharacter(character) {
            key.append(character)
            scanner.position += 1
        }
        guard !key.isEmpty else { throw failure("expected a label key after \"labels.\"") }
        if let next = scanner.peek, next == "." || next == "/" {
            throw failure(
                "a label key with \".\" or \"/\" must be quoted, as in "
                    + "labels.\"aiplatform.googleapis.com/dataset_metadata_schema\"")
        }
        return key
    }

    private mutating func readComparator(after name: String) throws(FilterError) -> VertexFilterComparator {
        if scanner.isLooking(at: "==") { throw failure("operator \"==\" is not supported; use =") }
        for comparator in VertexFilterComparator.scanningOrder where scanner.isLooking(at: comparator.rawValue) {
            scanner.position += comparator.rawValue.count
            return comparator
        }
        let expected = "expected =, !=, <, <=, >, >= or : after \(FilterValue.quoted(name))"
        guard !scanner.atEnd else { throw failure(expected) }
        throw failure(expected + ", found " + FilterValue.quoted(scanner.token()))
    }

    /// The value after the comparator, read as the target's kind: `*` after `:` is ``VertexFilterOperand/present``,
    /// `create_time` takes an RFC 3339 time, `state` a pipeline state name.
    private mutating func readOperand(
        for target: VertexFilterTarget, spelled name: String, comparator: VertexFilterComparator
    ) throws(FilterError) -> VertexFilterOperand {
        let value: String
        if scanner.peek == "\"" || scanner.peek == "'" {
            value = try scanner.readQuoted(failing: failure)
        } else {
            value = scanner.readBare()
            // A bare keyword is a missing value (`display_name= AND …`); quote it to compare with the word itself.
            guard !value.isEmpty, !Self.keywords.contains(value) else {
                scanner.position -= value.count
                let found = scanner.atEnd ? "" : ", found " + FilterValue.quoted(scanner.token())
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
        while let character = scanner.peek, Self.isNameCharacter(character), !name.isEmpty || !character.isNumber {
            name.append(character)
            scanner.position += 1
        }
        return name
    }

    // MARK: - Scanning

    /// The run of name characters at the cursor, without consuming it: `AND` only when it is a whole word.
    private func wordAtPosition() -> String {
        String(scanner.characters[scanner.position...].prefix(while: Self.isNameCharacter))
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
