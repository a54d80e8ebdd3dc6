import Foundation

/// Pictures shown in the terminal itself, where it can: kitty's graphics protocol, iTerm2's inline images (also
/// WezTerm), or sixel. Which one is read from the environment (`KITTY_WINDOW_ID`, `TERM_PROGRAM`, a `TERM` naming
/// sixel); `AUTOML_INLINE_IMAGES=kitty|iterm|sixel|none` overrides it.
enum InlineImage: String, Sendable {
    case kitty, iterm, sixel

    /// The protocol of the terminal described by `environment`; nil when it shows no pictures (or none is known).
    static func supported(environment: [String: String]) -> InlineImage? {
        if let chosen = environment["AUTOML_INLINE_IMAGES"] { return InlineImage(rawValue: chosen.lowercased()) }
        let term = environment["TERM"] ?? ""
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" { return .kitty }
        if ["iTerm.app", "WezTerm"].contains(environment["TERM_PROGRAM"] ?? "") { return .iterm }
        if term.contains("sixel") || environment["TERM_PROGRAM"] == "mlterm" { return .sixel }
        return nil
    }

    /// The escape sequence that shows a picture: its JPEG file (iTerm2) or its RGB pixels (kitty, sixel).
    func sequence(jpeg: Data, pixels: [UInt8], width: Int, height: Int) -> String {
        switch self {
        case .iterm:
            return "\u{1B}]1337;File=inline=1;size=\(jpeg.count);preserveAspectRatio=1:"
                + jpeg.base64EncodedString() + "\u{07}\n"
        case .kitty:
            // Raw RGB (f=24), sent in chunks of 4096 base64 characters; m=1 on every chunk but the last.
            let encoded = Array(Data(pixels).base64EncodedString().utf8)
            var text = ""
            var start = 0
            repeat {
                let end = min(encoded.count, start + 4096)
                let chunk = String(decoding: encoded[start..<end], as: UTF8.self)
                let more = end < encoded.count ? 1 : 0
                let keys = start == 0 ? "a=T,f=24,s=\(width),v=\(height),m=\(more)" : "m=\(more)"
                text += "\u{1B}_G\(keys);\(chunk)\u{1B}\\"
                start = end
            } while start < encoded.count
            return text + "\n"
        case .sixel:
            return Self.sixel(pixels: pixels, width: width, height: height)
        }
    }

    /// Sixel with the 216 colours of a 6×6×6 cube: each band of six rows is drawn one colour at a time.
    static func sixel(pixels: [UInt8], width: Int, height: Int) -> String {
        let level = { (value: UInt8) in (Int(value) * 5 + 127) / 255 }
        var indices = [Int](repeating: 0, count: width * height)
        for pixel in 0..<(width * height) {
            indices[pixel] =
                level(pixels[pixel * 3]) * 36 + level(pixels[pixel * 3 + 1]) * 6 + level(pixels[pixel * 3 + 2])
        }
        var text = "\u{1B}Pq\"1;1;\(width);\(height)"
        for color in 0..<216 {
            let (r, g, b) = (color / 36 * 20, color / 6 % 6 * 20, color % 6 * 20)
            text += "#\(color);2;\(r);\(g);\(b)"
        }
        for band in stride(from: 0, to: height, by: 6) {
            let rows = min(6, height - band)
            var used = Set<Int>()
            for y in band..<(band + rows) { for x in 0..<width { used.insert(indices[y * width + x]) } }
            for color in used.sorted() {
                text += "#\(color)"
                var run: (character: Character, count: Int)?
                func flush() {
                    guard let current = run else { return }
                    text +=
                        current.count > 3
                        ? "!\(current.count)\(current.character)"
                        : String(repeating: current.character, count: current.count)
                }
                for x in 0..<width {
                    var bits = 0
                    for row in 0..<rows where indices[(band + row) * width + x] == color { bits |= 1 << row }
                    let character = Character(UnicodeScalar(UInt8(63 + bits)))
                    if run?.character == character {
                        run?.count += 1
                    } else {
                        flush()
                        run = (character, 1)
                    }
                }
                flush()
                text += "$"
            }
            text += "-"
        }
        return text + "\u{1B}\\\n"
    }
}
