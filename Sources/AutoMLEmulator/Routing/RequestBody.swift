import AutoMLWire
import Foundation

extension EmulatorRequest {
    /// The body as `Message`: an empty body is the empty message, malformed JSON is INVALID_ARGUMENT, and so is a
    /// member the message does not have (Google's front end refuses them, so that a misspelt or legacy field is an
    /// error rather than silently ignored), unless its name is in `accepting`. Members at the `ignoring` paths
    /// (`deployedModel.serviceAccount`: fields of the API this backend does not keep) are dropped before reading, so
    /// they are neither refused nor echoed back.
    func decodeBody<Message: ProtoMessage>(
        _ type: Message.Type, accepting: Set<String> = [], ignoring: Set<String> = [], hints: [String: String] = [:]
    ) throws -> Message {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return Message() }
        let message: Message
        do {
            if ignoring.isEmpty {
                message = try Message(jsonData: body)
            } else {
                var value = try JSONValue(parsing: body)
                for path in ignoring {
                    value = Self.removing(path.split(separator: ".").map(String.init)[...], from: value)
                }
                message = try Message(protoJSON: value, path: "")
            }
        } catch {
            throw ServiceError.invalidArgument("Invalid JSON payload received: \(error)")
        }
        let unknown = message.unknownFieldPaths().filter { !accepting.contains(Self.splitMember($0).name) }
        if let first = unknown.first {
            let (parent, name) = Self.splitMember(first)
            throw ServiceError(
                .invalidArgument,
                "Invalid JSON payload received. Unknown name \"\(name)\" at '"
                    + (parent.isEmpty ? "body" : parent) + "': Cannot find field."
                    + (hints[name].map { " \($0)" } ?? ""), reason: "UNKNOWN_FIELD")
        }
        return message
    }

    private static func removing(_ path: ArraySlice<String>, from value: JSONValue) -> JSONValue {
        guard let key = path.first, case .object(var members) = value else { return value }
        if path.count == 1 {
            members[key] = nil
        } else if let inner = members[key] {
            members[key] = removing(path.dropFirst(), from: inner)
        }
        return .object(members)
    }

    private static func splitMember(_ path: String) -> (parent: String, name: String) {
        guard let dot = path.lastIndex(of: ".") else { return ("", path) }
        return (String(path[..<dot]), String(path[path.index(after: dot)...]))
    }
}
