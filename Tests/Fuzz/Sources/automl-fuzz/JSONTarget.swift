import AutoMLWire

/// The JSON reader on any bytes: what it reads, written and read again, is the same value (JSON has one kind of
/// number, so `1.0` may come back as the integer 1).
enum JSONTarget {
    static func run(_ bytes: [UInt8]) {
        guard let value = try? JSONValue(parsing: bytes) else { return }
        var writer = JSONWriter()
        writer.write(value)
        guard let again = try? JSONValue(parsing: writer.bytes) else {
            return require(false, "written JSON reads back: \(String(decoding: writer.bytes, as: UTF8.self))")
        }
        require(sameJSON(again, value), "written JSON reads back as the same value")
    }
}

/// Equal JSON values, an integer equal to a number of the same value.
func sameJSON(_ left: JSONValue, _ right: JSONValue) -> Bool {
    switch (left, right) {
    case (.integer(let integer), .number(let number)), (.number(let number), .integer(let integer)):
        return Double(integer) == number
    case (.array(let first), .array(let second)):
        return first.count == second.count && zip(first, second).allSatisfy { sameJSON($0, $1) }
    case (.object(let first), .object(let second)):
        return first.count == second.count
            && first.allSatisfy { key, value in second[key].map { sameJSON(value, $0) } ?? false }
    default:
        return left == right
    }
}
