internal import Foundation

extension FaultSpec {
    /// Reads a JSON config file holding the spec's keys as an object: `{"latency":"50ms","unavailable":0.1}`.
    static func load(path: String) throws(FaultSpecError) -> FaultSpec {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FaultSpecError("cannot read fault config \(path): \(error.localizedDescription)")
        }
        return try FaultSpec(json: data, source: path)
    }

    /// Reads a JSON config: an object of the spec's keys, whose values are strings (`"50ms"`, `"GET"`) or numbers
    /// (`0.1`, `42`). `source` names the file in messages.
    init(json data: Data, source: String = "fault config") throws(FaultSpecError) {
        guard let object = try? JSONDecoder().decode([String: ConfigValue].self, from: data) else {
            throw FaultSpecError("\(source) must hold a JSON object such as {\"latency\":\"50ms\",\"unavailable\":0.1}")
        }
        self.init()
        var seen: Set<Key> = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard case .text(let text) = value else {
                throw FaultSpecError("\(key) in \(source) must be a string or a number")
            }
            try apply(key: key, value: text, seen: &seen)
        }
        try validate()
    }

    /// A config value as the text a spec would hold; anything but a string or number is `.unusable`.
    private enum ConfigValue: Decodable {
        case text(String)
        case unusable

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.singleValueContainer() else {
                self = .unusable
                return
            }
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let integer = try? container.decode(UInt64.self) {
                self = .text(String(integer))
            } else if let number = try? container.decode(Double.self) {
                self = .text(String(number))
            } else {
                self = .unusable
            }
        }
    }
}
