import Foundation
import Testing

@testable import AutoMLEmulator

@Suite("ImageProbe")
struct ImageProbeTests {
    let probe = ImageProbe()
    typealias F = ImageFixtures

    private func expectFailure(
        _ bytes: [UInt8], _ kind: ImageProbeError.Kind, probe: ImageProbe = ImageProbe(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: ImageProbeError.self, sourceLocation: sourceLocation) { try probe.probe(bytes) }
        #expect(error?.kind == kind, "\(error?.message ?? "")", sourceLocation: sourceLocation)
    }

    // MARK: JPEG

    @Test("JPEG: walks past APP0 and DHT to SOF0, SOF2 and other frame markers")
    func jpeg() throws {
        #expect(try probe.probe(F.jpeg(width: 640, height: 480)) == ImageInfo(format: .jpeg, width: 640, height: 480))
        #expect(try probe.probe(F.jpeg(width: 3, height: 7, sofMarker: 0xC2)).width == 3)
        #expect(try probe.probe(F.jpeg(width: 5, height: 9, sofMarker: 0xCF)).height == 9)
        // Fill bytes before a marker are allowed.
        let filled = F.soi + [0xFF, 0xFF] + F.app0 + F.sof(width: 10, height: 20) + F.eoi
        #expect(try probe.probe(filled) == ImageInfo(format: .jpeg, width: 10, height: 20))
    }

    @Test("JPEG: DHT, JPG and DAC are not frame headers")
    func jpegNonFrameMarkers() {
        #expect(!ImageProbe.isStartOfFrame(0xC4))
        #expect(!ImageProbe.isStartOfFrame(0xC8))
        #expect(!ImageProbe.isStartOfFrame(0xCC))
        #expect([0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC9, 0xCF].allSatisfy { ImageProbe.isStartOfFrame(UInt8($0)) })
        // A DAC segment that looks like a frame header must be skipped: no SOF follows, so the header is corrupt.
        expectFailure(F.soi + F.segment(0xCC, [8, 0, 10, 0, 10, 3]) + F.eoi, .corruptHeader)
    }

    @Test("JPEG: no SOF before the data ends, EOI or SOS first, bad bytes: corrupt header")
    func jpegCorrupt() {
        expectFailure(F.soi + F.app0, .corruptHeader)
        expectFailure(F.soi + F.app0 + F.eoi, .corruptHeader)
        expectFailure(F.soi + F.app0 + F.sos, .corruptHeader)
        expectFailure(F.soi + F.app0 + [0x00, 0x11], .corruptHeader)
        expectFailure(F.soi + [0xFF, 0xC0, 0x00, 0x01], .corruptHeader)
        expectFailure(F.jpeg(width: 0, height: 10), .corruptHeader)
        expectFailure(F.jpeg(width: 10, height: 0), .corruptHeader)
    }

    @Test("JPEG: a segment or the SOF cut short is truncation")
    func jpegTruncated() {
        expectFailure([0xFF, 0xD8], .truncated)
        let full = F.jpeg(width: 640, height: 480)
        expectFailure(Array(full.prefix(F.soi.count + 10)), .truncated)
        let sofStart = F.soi.count + F.app0.count + F.dht.count
        expectFailure(Array(full.prefix(sofStart + 6)), .truncated)
    }

    // MARK: PNG

    @Test("PNG: signature and IHDR")
    func png() throws {
        #expect(try probe.probe(F.png(width: 1920, height: 1080)) == ImageInfo(format: .png, width: 1920, height: 1080))
        #expect(ImageProbe.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("PNG: missing, zero-sized, mis-sized or damaged IHDR is a corrupt header")
    func pngCorrupt() {
        expectFailure(F.pngSignature + F.chunk("IDAT", Array(repeating: 0, count: 13)), .corruptHeader)
        expectFailure(F.pngSignature + F.chunk("IHDR", F.ihdr(width: 0, height: 10)), .corruptHeader)
        expectFailure(F.pngSignature + F.chunk("IHDR", F.ihdr(width: 10, height: 0)), .corruptHeader)
        expectFailure(F.pngSignature + F.chunk("IHDR", Array(F.ihdr(width: 10, height: 10).prefix(12))), .corruptHeader)
        expectFailure(F.pngSignature + F.chunk("IHDR", F.ihdr(width: 10, height: 10, bitDepth: 3)), .corruptHeader)
        var badCRC = F.png(width: 10, height: 10)
        badCRC[30] ^= 0xFF
        expectFailure(badCRC, .corruptHeader)
    }

    @Test("PNG: the signature alone, or half an IHDR, is truncation")
    func pngTruncated() {
        expectFailure(F.pngSignature, .truncated)
        expectFailure(Array(F.pngSignature.prefix(5)), .truncated)
        expectFailure(Array(F.png(width: 10, height: 10).prefix(25)), .truncated)
    }

    // MARK: GIF, BMP, ICO

    @Test("GIF: logical screen size, both versions")
    func gif() throws {
        #expect(try probe.probe(F.gif(width: 320, height: 200)) == ImageInfo(format: .gif, width: 320, height: 200))
        #expect(try probe.probe(F.gif(width: 1, height: 2, version: "87a")).height == 2)
        expectFailure(Array(F.gif(width: 320, height: 200).prefix(9)), .truncated)
        expectFailure(F.gif(width: 0, height: 200), .corruptHeader)
        expectFailure(F.gif(width: 1, height: 1, version: "88a"), .corruptHeader)
    }

    @Test("BMP: BITMAPINFOHEADER (negative height is top-down), V5 and BITMAPCOREHEADER")
    func bmp() throws {
        #expect(try probe.probe(F.bmp(width: 800, height: 600)) == ImageInfo(format: .bmp, width: 800, height: 600))
        #expect(try probe.probe(F.bmp(width: 800, height: -600)) == ImageInfo(format: .bmp, width: 800, height: 600))
        #expect(try probe.probe(F.bmp(width: 4, height: 5, headerSize: 124)).width == 4)
        #expect(try probe.probe(F.bmpCore(width: 30, height: 40)) == ImageInfo(format: .bmp, width: 30, height: 40))
        expectFailure(F.bmp(width: -800, height: 600), .corruptHeader)
        expectFailure(F.bmp(width: 800, height: 0), .corruptHeader)
        expectFailure(F.bmp(width: 8, height: 8, headerSize: 99), .corruptHeader)
        expectFailure(Array(F.bmp(width: 800, height: 600).prefix(20)), .truncated)
    }

    @Test("ICO: the largest entry, 0 meaning 256")
    func ico() throws {
        let icon = F.ico([(16, 16), (256, 256), (48, 48)])
        #expect(try probe.probe(icon) == ImageInfo(format: .ico, width: 256, height: 256))
        #expect(try probe.probe(F.ico([(32, 16)])) == ImageInfo(format: .ico, width: 32, height: 16))
        expectFailure(F.ico([]), .corruptHeader)
        expectFailure(Array(F.ico([(16, 16), (32, 32)]).prefix(30)), .truncated)
    }

    // MARK: WebP, TIFF

    @Test("WebP: VP8, VP8L and VP8X")
    func webp() throws {
        let lossy = try probe.probe(F.webpLossy(width: 550, height: 368))
        #expect(lossy == ImageInfo(format: .webp, width: 550, height: 368))
        let lossless = try probe.probe(F.webpLossless(width: 16_384, height: 1))
        #expect(lossless == ImageInfo(format: .webp, width: 16_384, height: 1))
        let extended = try probe.probe(F.webpExtended(width: 70_000, height: 300))
        #expect(extended == ImageInfo(format: .webp, width: 70_000, height: 300))
    }

    @Test("WebP: unknown first chunk, bad VP8 start code, truncated chunk; RIFF that is not WebP")
    func webpBroken() {
        expectFailure(F.riff("ALPH", Array(repeating: 0, count: 10)), .corruptHeader)
        var badStart = F.webpLossy(width: 10, height: 10)
        badStart[23] = 0
        expectFailure(badStart, .corruptHeader)
        expectFailure(Array(F.webpLossy(width: 10, height: 10).prefix(24)), .truncated)
        expectFailure(Array(F.ascii("RIFF") + F.le32(4) + F.ascii("WAVEfmt ")), .notAnImage)
        expectFailure(Array(F.ascii("RIFF") + F.le32(4)), .truncated)
    }

    @Test("TIFF: both byte orders, SHORT and LONG sizes")
    func tiff() throws {
        let little = F.tiff(bigEndian: false, entries: [(254, 4, 0), (256, 3, 1024), (257, 4, 768)])
        #expect(try probe.probe(little) == ImageInfo(format: .tiff, width: 1024, height: 768))
        let big = F.tiff(bigEndian: true, entries: [(256, 4, 70_000), (257, 3, 20)])
        #expect(try probe.probe(big) == ImageInfo(format: .tiff, width: 70_000, height: 20))
        expectFailure(F.tiff(bigEndian: false, entries: [(256, 3, 10)]), .corruptHeader)
        expectFailure(F.tiff(bigEndian: true, entries: [(256, 2, 10), (257, 3, 10)]), .corruptHeader)
        expectFailure(Array(little.prefix(20)), .truncated)
        expectFailure(F.ascii("II") + [42, 0] + F.le32(4_000), .truncated)
    }

    // MARK: General

    @Test("empty data, unknown signatures and unsupported formats")
    func general() {
        expectFailure([], .empty)
        expectFailure(Array("hello, world".utf8), .notAnImage)
        expectFailure(Array("%PDF-1.7".utf8), .notAnImage)
        expectFailure([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0], .unsupportedFormat)
        expectFailure([0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A], .unsupportedFormat)
        expectFailure(Array("II".utf8) + [0x2B, 0, 8, 0, 0, 0], .unsupportedFormat)
    }

    @Test("formats outside the allowed set are unsupported")
    func allowedFormats() throws {
        let detection = ImageProbe(allowedFormats: ImageFormat.objectDetectionFormats)
        #expect(try detection.probe(F.png(width: 10, height: 10)).format == .png)
        expectFailure(F.bmp(width: 10, height: 10), .unsupportedFormat, probe: detection)
        expectFailure(F.webpLossy(width: 10, height: 10), .unsupportedFormat, probe: detection)
    }

    @Test("pixel and byte caps")
    func caps() throws {
        #expect(try probe.probe(F.png(width: 7_000, height: 7_000)).pixelCount == 49_000_000)
        expectFailure(F.png(width: 8_000, height: 8_000), .tooLarge)
        expectFailure(F.png(width: 21, height: 20), .tooLarge, probe: ImageProbe(maxPixelCount: 400))
        #expect(try ImageProbe(maxPixelCount: 400).probe(F.png(width: 20, height: 20)).pixelCount == 400)
        expectFailure(F.tiff(bigEndian: false, entries: [(256, 4, 0xFFFF_FFFF), (257, 4, 0xFFFF_FFFF)]), .tooLarge)
        expectFailure(F.png(width: 10, height: 10), .tooLarge, probe: ImageProbe(maxFileSize: 20))
        #expect(ImageProbe.defaultMaxFileSize == 30 * 1_024 * 1_024)
    }

    @Test("files: probed from disk, size checked before reading, SOF found past a large prefix")
    func files() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let png = try temp.write(F.png(width: 12, height: 34), to: "a.png")
        #expect(try probe.probe(fileAt: URL(fileURLWithPath: png)) == ImageInfo(format: .png, width: 12, height: 34))

        let empty = try temp.write([], to: "empty.jpg")
        #expect(throws: ImageProbeError(.empty, "the image is empty (0 bytes)")) {
            try probe.probe(fileAt: URL(fileURLWithPath: empty))
        }
        let missing = try #require(throws: ImageProbeError.self) {
            try probe.probe(fileAt: URL(fileURLWithPath: temp.path("missing.jpg")))
        }
        #expect(missing.kind == .unreadable)
        let large = try #require(throws: ImageProbeError.self) {
            try ImageProbe(maxFileSize: 10).probe(fileAt: URL(fileURLWithPath: png))
        }
        #expect(large.kind == .tooLarge)

        // Five 64 KB APP1 segments push the SOF past the first 256 KiB the probe reads.
        let app1 = F.segment(0xE1, Array(repeating: 0x41, count: 65_000))
        let bigJPEG = F.soi + Array(Array(repeating: app1, count: 5).joined()) + F.sof(width: 99, height: 77) + F.eoi
        let jpeg = try temp.write(bigJPEG, to: "big.jpg")
        #expect(try probe.probe(fileAt: URL(fileURLWithPath: jpeg)) == ImageInfo(format: .jpeg, width: 99, height: 77))
    }
}
