/// A value a list filter compares against: the fields the v1 filters know are strings or booleans.
enum FilterValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)

    /// The value as it is written in a canonical filter: strings quoted, booleans bare.
    var description: String {
        switch self {
        case .string(let text): FilterValue.quoted(text)
        case .bool(let flag): flag ? "true" : "false"
        }
    }

    /// `text` in double quotes, with `"` and `\` escaped, so the parser reads it back unchanged. Escapes go by Unicode
    /// scalar, as the parser reads: a `"` followed by a combining mark is one Character but still a quote.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { result.unicodeScalars.append("\\") }
            result.unicodeScalars.append(scalar)
        }
        result.append("\"")
        return result
    }
}

/// Something a list filter can be evaluated on: a dataset, a model, a model evaluation or an operation.
///
/// Conforming types answer with the value of a field, or nil when the field is absent. Proto3 treats an absent
/// field like its default, so an absent field equals `""` or `false` in a comparison, and an empty string counts as
/// absent in an existence test (`field:*`). For existence-only fields such as
/// ``CanonicalField/imageClassificationDatasetMetadata`` any non-nil value (say `.bool(true)`) means "set".
protocol FilterSubject {
    /// The value of `field` on this subject, or nil when the subject does not have it.
    func filterValue(for field: CanonicalField) -> FilterValue?
}
