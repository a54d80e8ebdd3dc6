import AutoMLWire
import Foundation
import Testing

/// The two checksums Cloud Storage keeps, against known values.
@Suite struct ChecksumTests {
    @Test(arguments: [
        ("", "1B2M2Y8AsgTpgAmY7PhCfg==", "AAAAAA=="), ("hello world", "XrY7u+Ae7tCTyyK7j1rNww==", "yZRlqg=="),
        ("The quick brown fox jumps over the lazy dog", "nhB9nTcrtoJr2B01QqQZ1g==", "ImIEBA=="),
        ("123456789", "JfnnlDI7RTiF9RgfG2JNCw==", "4waSgw=="),
    ])
    func knownValues(text: String, md5: String, crc32c: String) {
        #expect(MD5.base64(of: Array(text.utf8)) == md5)
        #expect(CRC32C.base64(of: Array(text.utf8)) == crc32c)
    }

    @Test func piecesGiveTheSameAsTheWhole() {
        let bytes: [UInt8] = (0..<10_000).map { (index: Int) -> UInt8 in UInt8((index * 7 + index / 13) % 256) }
        var md5 = MD5()
        var crc = CRC32C()
        for chunk in [0..<1, 1..<63, 63..<64, 64..<200, 200..<4096, 4096..<10_000] {
            Array(bytes[chunk]).withUnsafeBytes {
                md5.update($0)
                crc.update($0)
            }
        }
        #expect(md5.base64 == MD5.base64(of: bytes))
        #expect(crc.base64 == CRC32C.base64(of: bytes))
        var slow = CRC32C()
        slow.update(bytes)
        #expect(slow.base64 == crc.base64, "the byte-at-a-time path agrees with the eight-byte one")
    }
}
