package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads lines from a pipe or a file (`automl < transcript`): 64 KiB reads, no prompt, no editing, no
/// history. A last line without a newline still counts, and a `\r` before the newline is dropped.
///
/// libedit is never used here: on a pipe it reads one byte per system call (3.7 MB took 6.2 s instead
/// of 0.4 s).
package final class PlainLineReader: LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` start.
    private var start = 0
    private var reachedEnd = false
    private static let chunkSize = 64 * 1024

    /// Reads from `descriptor`, which stays open (the caller owns it).
    package init(fileDescriptor descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    /// Reads from the handle's descriptor, which stays open (the caller owns the handle).
    package convenience init(fileHandle: FileHandle) {
        self.init(fileDescriptor: fileHandle.fileDescriptor)
    }

    /// The next line without its line ending; `prompt` is not shown.
    package func readLine(prompt: String) -> LineEvent {
        var scanned = 0  // bytes after `start` already known to hold no newline
        while true {
            if let newline = firstNewline(from: start + scanned) {
                let line = takeLine(upTo: newline)
                start = newline + 1
                return .line(line)
            }
            if reachedEnd {
                guard start < buffer.count else { return .endOfInput }
                let line = takeLine(upTo: buffer.count)
                start = buffer.count
                return .line(line)
            }
            scanned = buffer.count - start
            fill()
        }
    }

    /// Input that is not typed is not remembered.
    package func addHistory(_ line: String) {}

    private func firstNewline(from index: Int) -> Int? {
        guard index < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress,
                let found = memchr(base + index, 0x0A, bytes.count - index)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    private func takeLine(upTo end: Int) -> String {
        var last = end
        if last > start, buffer[last - 1] == 0x0D { last -= 1 }
        return String(decoding: buffer[start..<last], as: UTF8.self)
    }

    /// Appends the next chunk, first dropping the lines already returned; sets `reachedEnd` at the end
    /// of input or on a read error.
    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return read(descriptor, base + old, Self.chunkSize)
            }
            if count < 0, errno == EINTR { continue }
            buffer.removeLast(Self.chunkSize - max(count, 0))
            if count <= 0 { reachedEnd = true }
            return
        }
    }
}
