import AutoMLClient

/// The colours of rendered results, as ANSI SGR escapes.
enum ANSIStyle: String {
    case red = "\u{1B}[31m"
    case cyan = "\u{1B}[36m"
    case green = "\u{1B}[32m"
    case yellow = "\u{1B}[33m"
    case magenta = "\u{1B}[35m"
    case bold = "\u{1B}[1m"

    static let reset = "\u{1B}[0m"
}

/// Paints text with a style, or leaves it alone when colour is off.
struct Painter: Sendable {
    var enabled: Bool

    func paint(_ text: String, _ style: ANSIStyle) -> String {
        enabled ? style.rawValue + text + ANSIStyle.reset : text
    }

    /// The style of a scalar: keys cyan, strings green, numbers yellow, booleans and null magenta.
    func paint(scalar text: String, of value: JSONValue) -> String {
        switch value {
        case .string: paint(text, .green)
        case .integer, .number: paint(text, .yellow)
        default: paint(text, .magenta)
        }
    }

    /// A last reset, so that an interrupted or mangled escape never leaks colour into the prompt.
    var finalReset: String { enabled ? ANSIStyle.reset : "" }
}
