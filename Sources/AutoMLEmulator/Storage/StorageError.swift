import AutoMLWire
import Foundation

/// An error of the Cloud Storage routes, written as Cloud Storage writes them:
/// `{"error": {"code": 404, "message": "…", "errors": [{"domain": "global", "reason": "notFound", "message": "…"}]}}`.
struct StorageError: Error, Sendable {
    var status: Int
    var reason: String
    var message: String
    var headers: [(name: String, value: String)] = []

    static func invalid(_ message: String) -> StorageError {
        StorageError(status: 400, reason: "invalid", message: message)
    }
    static func notFound(_ message: String) -> StorageError {
        StorageError(status: 404, reason: "notFound", message: message)
    }
    static func forbidden(_ message: String) -> StorageError {
        StorageError(status: 403, reason: "forbidden", message: message)
    }
    static func conflict(_ message: String) -> StorageError {
        StorageError(status: 409, reason: "conflict", message: message)
    }
    static func conditionNotMet(_ message: String) -> StorageError {
        StorageError(status: 412, reason: "conditionNotMet", message: message)
    }
    static func tooLarge(_ message: String) -> StorageError {
        StorageError(status: 413, reason: "uploadTooLarge", message: message)
    }

    var response: EmulatorResponse {
        let detail: JSONValue = .object([
            "domain": .string("global"), "reason": .string(reason), "message": .string(message),
        ])
        return .json(
            [
                "error": .object([
                    "code": .integer(Int64(status)), "message": .string(message), "errors": .array([detail]),
                ])
            ], status: status, headers: headers)
    }
}
