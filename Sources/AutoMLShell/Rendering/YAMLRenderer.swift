import AutoMLClient

/// Block-style YAML: two-space indent, `- ` list items, `{}` and `[]` for empty containers, members in
/// ``JSONKeyOrder``, strings quoted only when they have to be (see ``YAMLScalar``), optionally coloured.
struct YAMLRenderer: Sendable {
    var painter: Painter

    init(colors: Bool) {
        painter = Painter(enabled: colors)
    }

    /// The value as a YAML document, ending in a newline.
    func render(_ value: JSONValue) -> String {
        lines(value).joined(separator: "\n") + painter.finalReset + "\n"
    }

    /// What ends coloured output.
    var finalReset: String { painter.finalReset }

    /// A member name as this renderer writes it.
    func key(_ name: String) -> String {
        painter.paint(YAMLScalar.text(name), .cyan)
    }

    /// The lines of a value at indent 0; a non-empty container takes several, anything else one.
    private func lines(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let object) where !object.isEmpty:
            var lines: [String] = []
            for key in JSONKeyOrder.sorted(Array(object.keys)) {
                guard let member = object[key] else { continue }
                let label = painter.paint(YAMLScalar.text(key), .cyan) + ":"
                if Self.isBlock(member) {
                    lines.append(label)
                    lines += self.lines(member).map { "  " + $0 }
                } else {
                    lines.append(label + " " + inline(member))
                }
            }
            return lines
        case .array(let items) where !items.isEmpty:
            var lines: [String] = []
            for item in items {
                guard Self.isBlock(item) else {
                    lines.append("- " + inline(item))
                    continue
                }
                let itemLines = self.lines(item)
                lines.append("- " + (itemLines.first ?? ""))
                lines += itemLines.dropFirst().map { "  " + $0 }
            }
            return lines
        default:
            return [inline(value)]
        }
    }

    /// Whether a value takes lines of its own: a non-empty object or array.
    private static func isBlock(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let object): !object.isEmpty
        case .array(let items): !items.isEmpty
        default: false
        }
    }

    /// A value that fits on the line of its key or dash: a scalar, `{}` or `[]`.
    private func inline(_ value: JSONValue) -> String {
        switch value {
        case .object: "{}"
        case .array: "[]"
        case .string(let string): painter.paint(YAMLScalar.text(string), .green)
        case .number(let number) where !number.isFinite:
            painter.paint(number.isNaN ? ".nan" : number < 0 ? "-.inf" : ".inf", .yellow)
        case .null: painter.paint("null", .magenta)
        default: painter.paint(scalar: JSONText.scalar(value) ?? "null", of: value)
        }
    }
}
