import Foundation

/// A `multipart/related` upload body: the object's metadata (JSON) and its bytes, each with its own content type.
///
/// `--BOUNDARY` CRLF headers CRLF CRLF body CRLF `--BOUNDARY` … `--BOUNDARY--`, the boundary taken from the request's
/// `Content-Type` (quoted or not); Google's Python client writes no CRLF after the closing delimiter.
struct MultipartRelated {
    struct Part {
        var contentType: String
        var body: Data
    }

    var parts: [Part]

    init(body: Data, contentType: String) throws {
        guard let boundary = Self.boundary(in: contentType) else {
            throw StorageError.invalid("A multipart upload needs Content-Type: multipart/related; boundary=…")
        }
        // RFC 2046: a boundary is 1 to 70 characters.
        guard boundary.utf8.count <= 70 else {
            throw StorageError.invalid("The multipart boundary is longer than 70 characters.")
        }
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var position = Self.find(delimiter, in: bytes, from: 0) else {
            throw StorageError.invalid("The multipart body has no part delimited by its boundary.")
        }
        while true {
            position += delimiter.count
            if bytes[position...].starts(with: Array("--".utf8)) { break }
            guard let headEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: position),
                let next = Self.find(Array("\r\n".utf8) + delimiter, in: bytes, from: headEnd + 4)
            else { throw StorageError.invalid("The multipart body ends inside a part.") }
            let headers = String(decoding: bytes[position..<headEnd], as: UTF8.self)
            let type = headers.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
                .map { String($0.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces) }
            parts.append(Part(contentType: type ?? "application/octet-stream", body: Data(bytes[(headEnd + 4)..<next])))
            position = next + 2
        }
        guard parts.count == 2 else {
            throw StorageError.invalid(
                "A multipart upload has two parts, the metadata and the media (this one has \(parts.count)).")
        }
        self.parts = parts
    }

    /// The `boundary` parameter of a `multipart/related` content type.
    static func boundary(in contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/related") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The first place of `needle` in `haystack` at or after `start`, by Knuth–Morris–Pratt: linear in the
    /// haystack's length whatever the needle (a naive search of a body of dashes for a boundary of dashes is not).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        // fallback[i]: the length of the longest proper prefix of needle[0...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in 1..<needle.count {
            while length > 0, needle[index] != needle[length] { length = fallback[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            fallback[index] = length
        }
        var matched = 0
        for index in start..<haystack.count {
            while matched > 0, haystack[index] != needle[matched] { matched = fallback[matched - 1] }
            if haystack[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
        }
        return nil
    }
}
