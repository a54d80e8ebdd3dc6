import Testing

@testable import AutoMLShell

/// Found in review: `--log-http` printed bodies raw, so a server's escape sequence or an image's bytes went to the
/// terminal as they were.
@Suite struct HTTPLogTextTests {
    @Test func controlCharactersAreEscapedAndLinesAndTabsKept() {
        #expect(HTTPLogText.shown("{\"a\":\t1}\n\u{1B}[2J\u{7}\u{9B}x") == "{\"a\":\t1}\n\\u{1B}[2J\\u{7}\\u{9B}x")
    }

    @Test func aBodyThatIsMostlyNotTextIsSaidInOneLine() {
        let image = String(decoding: [0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0xFD, 0xC3, 0x28, 0xA0, 0xA1], as: UTF8.self)
        #expect(HTTPLogText.shown(image).hasSuffix("bytes, not text)"))
    }

    @Test func longBodiesAreCutWithTheirSize() {
        let shown = HTTPLogText.shown(String(repeating: "a", count: 5000))
        #expect(shown.hasPrefix(String(repeating: "a", count: HTTPLogText.limit) + "…"))
        #expect(shown.hasSuffix("(5000 bytes)"))
    }
}
