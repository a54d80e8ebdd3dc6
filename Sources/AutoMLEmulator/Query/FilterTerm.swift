/// One condition of a filter: a field and a test on it. A filter is a conjunction of terms.
struct FilterTerm: Sendable, Hashable, CustomStringConvertible {
    /// The test a term applies to its field.
    enum Test: Sendable, Hashable {
        /// `field:*`: the field is set.
        case present
        /// `NOT field:*` or `-field:*`: the field is not set.
        case absent
        /// `field=value`.
        case equals(FilterOperand)
        /// `field!=value`.
        case notEquals(FilterOperand)
    }

    /// The field tested.
    var field: CanonicalField
    /// The test.
    var test: Test

    /// Whether `subject` passes this term.
    ///
    /// Absent fields follow proto3: an absent field is not set, and compares as its default (`""` or `false`), so
    /// `annotation_spec_id!=4` keeps the overall evaluation, which has no annotation spec.
    func matches(_ subject: some FilterSubject) -> Bool {
        let value = subject.filterValue(for: field)
        switch test {
        case .present: return Self.isSet(value)
        case .absent: return !Self.isSet(value)
        case .equals(let operand): return operand.matches(value ?? defaultValue)
        case .notEquals(let operand): return !operand.matches(value ?? defaultValue)
        }
    }

    /// The term in canonical form: `dataset_id="5"`, `NOT annotation_spec_id:*`, `done=true`.
    var description: String {
        switch test {
        case .present: "\(field):*"
        case .absent: "NOT \(field):*"
        case .equals(let operand): "\(field)=\(operand)"
        case .notEquals(let operand): "\(field)!=\(operand)"
        }
    }

    private var defaultValue: FilterValue {
        field.valueKind == .bool ? .bool(false) : .string("")
    }

    private static func isSet(_ value: FilterValue?) -> Bool {
        switch value {
        case nil, .string(""): false
        default: true
        }
    }
}

/// The right-hand side of a comparison: a value, or a resource-name prefix with a trailing `*`.
enum FilterOperand: Sendable, Hashable, CustomStringConvertible {
    /// Matches exactly this value.
    case value(FilterValue)
    /// Matches a string made of `prefix` (which ends in `/`) and one more non-empty segment without `/`:
    /// `projects/p/locations/l/models/*` matches `projects/p/locations/l/models/ICN1`.
    case anyChild(of: String)

    /// Whether `candidate` is what this operand stands for.
    func matches(_ candidate: FilterValue) -> Bool {
        switch self {
        case .value(let value):
            return candidate == value
        case .anyChild(let prefix):
            guard case .string(let text) = candidate, text.hasPrefix(prefix) else { return false }
            let rest = text.dropFirst(prefix.count)
            return !rest.isEmpty && !rest.contains("/")
        }
    }

    /// The operand as a filter writes it, quoted.
    var description: String {
        switch self {
        case .value(let value): value.description
        case .anyChild(let prefix): FilterValue.quoted(prefix + "*")
        }
    }
}
