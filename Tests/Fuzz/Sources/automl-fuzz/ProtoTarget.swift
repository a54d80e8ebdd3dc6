import AutoMLWire

/// The proto3 JSON mapping on any JSON: a message that reads, written and read again, is the same message, for
/// the requests the local backend reads and the resources the client reads.
enum ProtoTarget {
    static let messages: [any ProtoMessage.Type] = [
        Dataset.self, Model.self, ModelEvaluation.self, LongRunningOperation.self, ImportDataRequest.self,
        ExportDataRequest.self, ExportModelRequest.self, DeployModelRequest.self, BatchPredictRequest.self,
        PredictRequest.self, PredictResponse.self, ListModelsResponse.self, ListOperationsResponse.self,
    ]

    static func run(_ bytes: [UInt8]) {
        guard let value = try? JSONValue(parsing: bytes) else { return }
        for type in messages { check(type, value) }
    }

    private static func check<Message: ProtoMessage>(_ type: Message.Type, _ value: JSONValue) {
        guard let message = try? Message(protoJSON: value, path: "") else { return }
        for options in [ProtoJSONOptions.canonical, ProtoJSONOptions(enumsAsIntegers: true)] {
            let written = message.protoJSON(options: options)
            guard let again = try? Message(protoJSON: written, path: "") else {
                return require(false, "\(type) written reads back")
            }
            require(again == message, "\(type) written and read back is the same message")
        }
    }
}
