/// One `$` reference as written: a variable name and, for `$last`, a path into the last result.
struct VariableReference: Sendable, Hashable {
    /// Such as `dataset` or `last`.
    var name: String
    /// The path after the name (empty for a plain variable); nil when the text after the name does not parse.
    var path: ResultPath?
    /// The reference as written, `$` and braces included, for messages.
    var written: String

    /// Reads the inside of `${…}`: a name, then optionally a path (`.key`, `[n]`) and `:id`.
    init(braced inner: String) {
        written = "${\(inner)}"
        let nameEnd = inner.unicodeScalars.prefix { Self.isNameCharacter($0) }.count
        name = String(inner.unicodeScalars.prefix(nameEnd))
        let rest = String(inner.unicodeScalars.dropFirst(nameEnd))
        if name.isEmpty {
            path = nil
        } else if rest.isEmpty {
            path = ResultPath(components: [])
        } else if rest == ":id" {
            path = ResultPath(components: [], takesID: true)
        } else if rest.hasPrefix(".") {
            path = ResultPath(parsing: String(rest.dropFirst()))
        } else if rest.hasPrefix("[") {
            path = ResultPath(parsing: rest)
        } else {
            path = nil
        }
    }

    private init(name: String, path: ResultPath, written: String) {
        self.name = name
        self.path = path
        self.written = written
    }

    /// Reads an unbraced reference whose name starts at `start` (just after the `$`); returns it and the index
    /// after it. Only `$last` takes a path (`.key` with letters, digits and `_`; `[n]`); any name may end in
    /// `:id`. Whatever cannot continue the reference ends it, so `$dataset.csv` is `$dataset` then `.csv`.
    static func scan(_ scalars: [Unicode.Scalar], from start: Int) -> (VariableReference, end: Int) {
        var index = nameEnd(scalars, from: start)
        let name = String(String.UnicodeScalarView(scalars[start..<index]))
        var components: [ResultPath.Component] = []
        while name == "last", index < scalars.count {
            if scalars[index] == ".", index + 1 < scalars.count, isNameStart(scalars[index + 1]) {
                let end = nameEnd(scalars, from: index + 1)
                components.append(.key(String(String.UnicodeScalarView(scalars[(index + 1)..<end]))))
                index = end
            } else if scalars[index] == "[", let (element, end) = indexSuffix(scalars, from: index) {
                components.append(.index(element))
                index = end
            } else {
                break
            }
        }
        let suffix: [Unicode.Scalar] = [":", "i", "d"]
        var takesID = false
        if scalars[index...].starts(with: suffix), index + 3 == scalars.count || !isNameCharacter(scalars[index + 3]) {
            takesID = true
            index += 3
        }
        let written = "$" + String(String.UnicodeScalarView(scalars[start..<index]))
        let reference = VariableReference(
            name: name, path: ResultPath(components: components, takesID: takesID),
            written: written)
        return (reference, index)
    }

    /// Whether a variable name can start with this character: an ASCII letter or `_`.
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_")
    }

    /// Whether a variable name or an unbraced path key can hold this character.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }

    private static func nameEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        scalars[start...].firstIndex { !isNameCharacter($0) } ?? scalars.count
    }

    /// Reads `[digits]` at `start`; nil when it is not one.
    private static func indexSuffix(_ scalars: [Unicode.Scalar], from start: Int) -> (Int, end: Int)? {
        guard let close = scalars[start...].firstIndex(of: "]"), close > start + 1 else { return nil }
        let digits = String(String.UnicodeScalarView(scalars[(start + 1)..<close]))
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let element = Int(digits) else { return nil }
        return (element, close + 1)
    }
}
