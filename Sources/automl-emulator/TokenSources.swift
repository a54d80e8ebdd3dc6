import ArgumentParser
import Foundation

/// The bearer tokens a server requires: from `--token-file` (one per line; `#` comments and blank lines skipped),
/// `AUTOML_EMULATOR_TOKENS` (comma-separated) and `--token` (visible in `ps`, kept for scripts that pass one).
struct TokenSources {
    var file: String?
    var environment: [String: String]
    var flags: [String]

    func tokens() throws -> [String] {
        var tokens: [String] = []
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("--token-file \(file) cannot be read.")
            }
            tokens += String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        tokens += (environment["AUTOML_EMULATOR_TOKENS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return tokens + flags
    }
}

/// The token of the background server: 32 random bytes as hex, made anew at each start.
enum ServiceToken {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
