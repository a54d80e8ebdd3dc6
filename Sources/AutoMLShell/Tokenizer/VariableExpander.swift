package import AutoMLClient

/// Expands `$` references in tokenized words from the session context and the last result. Pure.
///
/// References, in unquoted and double-quoted text (never in single quotes or after a backslash):
/// - `$dataset`, `$model`, `$operation`: the current IDs; `$project`, `$location`. Braces work too:
///   `${dataset}_v2`. With the local server and no project set, `$project` is
///   ``SessionContext/localProject``.
/// - `$last` followed by a path into the last result: `.key` members, `[n]` elements, and an optional `:id`
///   suffix that keeps the last `/`-separated segment of a resource name. So after `train`,
///   `$last.name:id` is the operation's ID; after `models`, `$last.model[0].name:id` is the first model's ID;
///   after `watch`, `$last.response.name:id` is the trained model's ID. Unbraced, path keys are letters, digits
///   and `_`; `${last.name}.csv` ends a reference where a `.` would otherwise continue it.
/// - `$$` is a literal `$`; a `$` not followed by a letter, `_`, `{` or `$` is literal too (`costs $5`).
///
/// Expansion runs after tokenizing, so a value with spaces stays one word. Anything that cannot expand is a
/// ``VariableExpansionError`` naming the reference, never an empty string.
package struct VariableExpander: Sendable {
    /// Where `$dataset`, `$model`, `$operation`, `$project` and `$location` come from.
    package var context: SessionContext
    /// What `$last` paths read: the last result as JSON; nil before any command returned one.
    package var lastResult: JSONValue?
    /// The variables commands bound to IDs (`dataset_flowers`; see `ShellVariables`).
    package var variables: [String: String]

    package init(context: SessionContext, lastResult: JSONValue? = nil, variables: [String: String] = [:]) {
        self.context = context
        self.lastResult = lastResult
        self.variables = variables
    }

    /// The variable names, for completion after `$`.
    package static let variableNames = ["dataset", "model", "operation", "project", "location", "last"]

    /// Expands every word of a command.
    package func expand(_ command: TokenizedCommand) throws(VariableExpansionError) -> [String] {
        try expand(command.words)
    }

    /// Expands words into argument strings, one per word.
    package func expand(_ words: [ShellWord]) throws(VariableExpansionError) -> [String] {
        var result: [String] = []
        for word in words { result.append(try expand(word)) }
        return result
    }

    /// Expands one word: the references in its unquoted and double-quoted parts.
    package func expand(_ word: ShellWord) throws(VariableExpansionError) -> String {
        var text = ""
        for part in word.parts {
            text += part.expands ? try expand(text: part.text) : part.text
        }
        return text
    }

    /// Expands the references in text that is subject to expansion.
    func expand(text: String) throws(VariableExpansionError) -> String {
        guard text.contains("$") else { return text }
        return try segments(of: text).map(\.text).joined()
    }

    /// A run of expandable text: literal text, or a reference with the value it expanded to.
    enum Segment: Hashable {
        case literal(String)
        case reference(VariableReference, value: String)

        var text: String {
            switch self {
            case .literal(let text): text
            case .reference(_, let value): value
            }
        }
    }

    /// Splits text that is subject to expansion into literal runs and expanded references (`$$` is a literal `$`).
    func segments(of text: String) throws(VariableExpansionError) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var literal = String.UnicodeScalarView()
        func add(_ reference: VariableReference) throws(VariableExpansionError) {
            if !literal.isEmpty { segments.append(.literal(String(literal))) }
            literal = String.UnicodeScalarView()
            segments.append(.reference(reference, value: try value(of: reference)))
        }
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "$", index + 1 < scalars.count else {
                literal.append(scalars[index])
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if next == "$" {
                literal.append("$")
                index += 2
            } else if next == "{" {
                guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                    let reference = String(String.UnicodeScalarView(scalars[index...]))
                    throw VariableExpansionError(
                        code: .malformed, reference: reference,
                        message: "\(reference): no closing }")
                }
                try add(VariableReference(braced: String(String.UnicodeScalarView(scalars[(index + 2)..<close]))))
                index = close + 1
            } else if VariableReference.isNameStart(next) {
                let (reference, end) = VariableReference.scan(scalars, from: index + 1)
                try add(reference)
                index = end
            } else {
                literal.append("$")
                index += 1
            }
        }
        if !literal.isEmpty { segments.append(.literal(String(literal))) }
        return segments
    }

    /// The text a reference stands for.
    func value(of reference: VariableReference) throws(VariableExpansionError) -> String {
        guard let path = reference.path else {
            throw VariableExpansionError(
                code: .malformed, reference: reference.written,
                message: "\(reference.written) is not a valid reference")
        }
        guard Self.variableNames.contains(reference.name) else {
            return try boundValue(of: reference, path: path)
        }
        if reference.name == "last" { return try lastValue(path, reference: reference) }
        guard path.components.isEmpty else {
            throw VariableExpansionError(
                code: .malformed, reference: reference.written,
                message: "\(reference.written): only $last has fields")
        }
        let text = try contextValue(reference)
        return path.takesID ? JSONText.lastSegment(of: text) : text
    }

    /// A variable a command bound (`$dataset_flowers`, `${model_v1:id}`); no fields.
    private func boundValue(of reference: VariableReference, path: ResultPath) throws(VariableExpansionError) -> String
    {
        guard let value = variables[reference.name] else {
            if ShellVariables.isBindable(reference.name) {
                throw VariableExpansionError(
                    code: .notSet, reference: reference.written,
                    message: "\(reference.written) is not set in this run: \(Self.binder(of: reference.name))")
            }
            let known = (Self.variableNames + variables.keys.sorted()).map { "$\($0)" }.joined(separator: ", ")
            throw VariableExpansionError(
                code: .unknownVariable, reference: reference.written,
                message: "unknown variable \(reference.written) (variables: \(known))")
        }
        guard path.components.isEmpty else {
            throw VariableExpansionError(
                code: .malformed, reference: reference.written,
                message: "\(reference.written): only $last has fields")
        }
        return path.takesID ? JSONText.lastSegment(of: value) : value
    }

    /// Which command binds a variable, for the message when it is not set.
    private static func binder(of name: String) -> String {
        let rest = name.drop { $0 != "_" }.dropFirst()
        if name.hasPrefix("dataset_") { return "`dataset create \(rest)` sets it" }
        if name.hasPrefix("model_") { return "it is set when the training of \(rest) is seen to finish (`watch`)" }
        if name.hasPrefix("operation_") { return "the command that starts that operation sets it" }
        return "`evaluations` of the model sets it"
    }

    private func contextValue(_ reference: VariableReference) throws(VariableExpansionError) -> String {
        let value: String?
        let hint: String
        switch reference.name {
        case "dataset": (value, hint) = (context.dataset, "use dataset ID first")
        case "model": (value, hint) = (context.model, "use model ID first")
        case "operation": (value, hint) = (context.operation, "use operation ID first, or start one")
        case "project":
            value = context.project ?? context.endpointValue.defaultProject
            hint = "use project ID first, or pass --project"
        default: (value, hint) = (context.location, "use location LOCATION first")
        }
        guard let value, !value.isEmpty else {
            throw VariableExpansionError(
                code: .notSet, reference: reference.written,
                message: "$\(reference.name) is not set: \(hint)")
        }
        return value
    }

    private func lastValue(_ path: ResultPath, reference: VariableReference) throws(VariableExpansionError) -> String {
        guard let lastResult else {
            throw VariableExpansionError(
                code: .notSet, reference: reference.written,
                message: "$last is not set: no command has returned a result yet")
        }
        let written = reference.written
        func named(_ depth: Int) -> String {
            let prefix = path.prefix(depth).description
            return prefix.isEmpty ? "$last" : "$last.\(prefix)".replacing("$last.[", with: "$last[")
        }
        switch path.lookUp(in: lastResult) {
        case .found(let value):
            if let text = JSONText.scalar(value) { return path.takesID ? JSONText.lastSegment(of: text) : text }
            let what =
                switch value {
                case .array(let items): "a list of \(items.count); pick one with [n]"
                case .object(let object): "an object; pick a field (\(Self.fieldList(Array(object.keys))))"
                default: "null"
                }
            throw VariableExpansionError(code: .notAValue, reference: written, message: "\(written) is \(what)")
        case .missingKey(let depth, let available):
            let fields = available.isEmpty ? "it is empty" : "fields: \(Self.fieldList(available))"
            throw VariableExpansionError(
                code: .noSuchValue, reference: written,
                message: "\(written): \(named(depth)) has no field \"\(Self.key(path, depth))\" (\(fields))")
        case .indexOutOfRange(let depth, let count):
            throw VariableExpansionError(
                code: .noSuchValue, reference: written,
                message: "\(written): \(named(depth)) has \(count) item\(count == 1 ? "" : "s")")
        case .notAContainer(let depth, let found):
            let kind = JSONText.kindName(found)
            throw VariableExpansionError(
                code: .noSuchValue, reference: written,
                message: "\(written): \(named(depth)) is \(kind), not \(Self.need(path, depth))")
        }
    }

    private static func key(_ path: ResultPath, _ depth: Int) -> String {
        if case .key(let key) = path.components[depth] { return key }
        return ""
    }

    private static func need(_ path: ResultPath, _ depth: Int) -> String {
        if case .index = path.components[depth] { return "a list" }
        return "an object"
    }

    /// Up to six field names, in display order.
    private static func fieldList(_ keys: [String]) -> String {
        let sorted = JSONKeyOrder.sorted(keys)
        return sorted.prefix(6).joined(separator: ", ") + (sorted.count > 6 ? ", …" : "")
    }
}
