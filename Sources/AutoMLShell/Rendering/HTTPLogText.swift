/// How `--log-http` shows a request or response body on a terminal.
package enum HTTPLogText {
    /// The most characters of a body shown.
    package static let limit = 2000

    /// A body as it can go to a terminal: cut at ``limit`` characters, control characters (an escape sequence from a
    /// server, the bytes of an image) written as `\u{1B}`, and a body that is mostly not text said in one line.
    package static func shown(_ body: String) -> String {
        let scalars = body.unicodeScalars
        let undecodable = scalars.prefix(limit).filter { $0 == "\u{FFFD}" }.count
        if undecodable * 10 > min(scalars.count, limit) {
            return "(\(body.utf8.count) bytes, not text)"
        }
        var result = ""
        for scalar in scalars.prefix(limit) {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if isControl && scalar != "\n" && scalar != "\t" {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return scalars.count > limit ? result + "… (\(body.utf8.count) bytes)" : result
    }
}
