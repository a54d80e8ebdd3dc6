package import Foundation

/// MD5 (RFC 1321), the other checksum Cloud Storage keeps for every object (`md5Hash`, the 16 bytes in base64), and
/// what an upload is compared by to skip files already there. Not for security: only to tell contents apart.
/// `"hello world"` gives `XrY7u+Ae7tCTyyK7j1rNww==`.
package struct MD5: Sendable {
    private var a: UInt32 = 0x6745_2301
    private var b: UInt32 = 0xEFCD_AB89
    private var c: UInt32 = 0x98BA_DCFE
    private var d: UInt32 = 0x1032_5476
    /// Bytes not yet making a whole 64-byte block.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    package init() {}

    /// Adds bytes.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var index = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            index = take
            if pending.count == 64 {
                pending.withUnsafeBytes { block($0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while bytes.count - index >= 64 {
            block(bytes, at: index)
            index += 64
        }
        if index < bytes.count { pending += bytes[index...] }
    }

    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 16-byte digest of what was added.
    package func digest() -> [UInt8] {
        var copy = self
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let used = (pending.count + 1) % 64
        tail += [UInt8](repeating: 0, count: used <= 56 ? 56 - used : 120 - used)
        for shift in stride(from: 0, to: 64, by: 8) { tail.append(UInt8((bitLength >> UInt64(shift)) & 0xFF)) }
        let savedLength = copy.length
        tail.withUnsafeBytes { copy.update($0) }
        copy.length = savedLength
        return [copy.a, copy.b, copy.c, copy.d].flatMap { word in
            (0..<4).map { UInt8((word >> UInt32($0 * 8)) & 0xFF) }
        }
    }

    /// The digest as Cloud Storage writes it, in base64.
    package var base64: String { Data(digest()).base64EncodedString() }

    /// The digest of `bytes`, in base64.
    package static func base64(of bytes: [UInt8]) -> String {
        var md5 = MD5()
        md5.update(bytes)
        return md5.base64
    }

    private mutating func block(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        var words = [UInt32](repeating: 0, count: 16)
        for index in 0..<16 {
            let base = offset + index * 4
            words[index] =
                UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
                | UInt32(bytes[base + 3]) << 24
        }
        var (aa, bb, cc, dd) = (a, b, c, d)
        for round in 0..<64 {
            var mixed: UInt32
            var wordIndex: Int
            switch round {
            case 0..<16:
                mixed = (bb & cc) | (~bb & dd)
                wordIndex = round
            case 16..<32:
                mixed = (dd & bb) | (~dd & cc)
                wordIndex = (5 * round + 1) % 16
            case 32..<48:
                mixed = bb ^ cc ^ dd
                wordIndex = (3 * round + 5) % 16
            default:
                mixed = cc ^ (bb | ~dd)
                wordIndex = (7 * round) % 16
            }
            mixed = mixed &+ aa &+ Self.constants[round] &+ words[wordIndex]
            (aa, dd, cc) = (dd, cc, bb)
            bb = bb &+ ((mixed << Self.shifts[round]) | (mixed >> (32 - Self.shifts[round])))
        }
        a = a &+ aa
        b = b &+ bb
        c = c &+ cc
        d = d &+ dd
    }

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
        20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10,
        15, 21,
    ]

    /// floor(abs(sin(i + 1)) * 2^32).
    private static let constants: [UInt32] = (0..<64).map {
        UInt32(truncatingIfNeeded: Int64(abs(sin(Double($0 + 1))) * 4_294_967_296))
    }
}
