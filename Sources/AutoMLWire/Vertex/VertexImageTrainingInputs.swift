/// The `trainingTaskInputs` of AutoML image training (reference: vertex-ai-image.md §3.2), read leniently — budgets
/// as numbers, floats (`8000.0`, as Google's Python client sends) or strings, `multiLabel` as a bool or `"true"` —
/// and written as Google's samples write them.
public struct VertexImageTrainingInputs: Sendable, Hashable {
    /// `CLOUD`, `MOBILE_TF_VERSATILE_1`, `CLOUD_HIGH_ACCURACY_1`, …; empty for the objective's default.
    public var modelType = ""
    public var budgetMilliNodeHours: Int64 = 0
    public var disableEarlyStopping = false
    public var multiLabel = false
    /// A bare model ID to train "based on" (classification).
    public var baseModelId = ""
    /// A bare model ID to up-train from (incremental training).
    public var uptrainBaseModelId = ""

    public init() {}

    /// What is wrong with a member, for an INVALID_ARGUMENT.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public init(json: JSONValue) throws(Problem) {
        guard case .object(let members) = json else {
            throw Problem(description: "trainingTaskInputs must be an object")
        }
        let known: Set = [
            "modelType", "budgetMilliNodeHours", "disableEarlyStopping", "multiLabel", "baseModelId",
            "uptrainBaseModelId", "model_type", "budget_milli_node_hours", "disable_early_stopping", "multi_label",
            "base_model_id", "uptrain_base_model_id",
        ]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw Problem(description: "trainingTaskInputs has no member \"\(unknown)\"")
        }
        func member(_ name: String) -> JSONValue? { members[name] ?? members[snakeCase(name)] }
        modelType = try Self.string(member("modelType"), "modelType")
        budgetMilliNodeHours = try Self.integer(member("budgetMilliNodeHours"), "budgetMilliNodeHours")
        disableEarlyStopping = try Self.bool(member("disableEarlyStopping"), "disableEarlyStopping")
        multiLabel = try Self.bool(member("multiLabel"), "multiLabel")
        baseModelId = try Self.string(member("baseModelId"), "baseModelId")
        uptrainBaseModelId = try Self.string(member("uptrainBaseModelId"), "uptrainBaseModelId")
    }

    /// The JSON object, only the members that are set (`budgetMilliNodeHours` as a string, as the service echoes it).
    public var json: JSONValue {
        var members: JSONObject = [:]
        if !modelType.isEmpty { members["modelType"] = .string(modelType) }
        if budgetMilliNodeHours != 0 { members["budgetMilliNodeHours"] = .string(String(budgetMilliNodeHours)) }
        if disableEarlyStopping { members["disableEarlyStopping"] = .bool(true) }
        if multiLabel { members["multiLabel"] = .bool(true) }
        if !baseModelId.isEmpty { members["baseModelId"] = .string(baseModelId) }
        if !uptrainBaseModelId.isEmpty { members["uptrainBaseModelId"] = .string(uptrainBaseModelId) }
        return .object(members)
    }

    private static func string(_ value: JSONValue?, _ name: String) throws(Problem) -> String {
        switch value {
        case nil, .null: return ""
        case .string(let text): return text
        default: throw Problem(description: "trainingTaskInputs.\(name) must be a string")
        }
    }

    private static func bool(_ value: JSONValue?, _ name: String) throws(Problem) -> Bool {
        switch value {
        case nil, .null: return false
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw Problem(description: "trainingTaskInputs.\(name) must be true or false")
        }
    }

    private static func integer(_ value: JSONValue?, _ name: String) throws(Problem) -> Int64 {
        let problem = Problem(description: "trainingTaskInputs.\(name) must be a whole number")
        switch value {
        case nil, .null: return 0
        case .integer(let number): return number
        case .number(let number):
            guard number.rounded() == number, abs(number) < 9.2e18 else { throw problem }
            return Int64(number)
        case .string(let text):
            if let number = Int64(text) { return number }
            if let number = Double(text), number.rounded() == number, abs(number) < 9.2e18 { return Int64(number) }
            throw problem
        default: throw problem
        }
    }
}
