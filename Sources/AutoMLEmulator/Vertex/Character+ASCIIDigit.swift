extension Character {
    /// Whether this is one of the ASCII digits 0–9 (project numbers, IDs).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
