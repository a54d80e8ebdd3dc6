import Foundation

/// The model types of the Vision domains and their training budgets (reference 6.1), so a client can
/// check a request before sending it and a server can enforce the same rules.
public struct ImageModelType: Sendable, Hashable, CustomStringConvertible {
    /// The type as the API spells it, such as `cloud` or `mobile-low-latency-1`.
    public let name: String
    /// Whether it is an object-detection type (otherwise image classification).
    public let isDetection: Bool
    /// The allowed `trainBudgetMilliNodeHours`.
    public let budgetRange: ClosedRange<Int64>
    /// The budget the API uses when a request gives none.
    public let defaultBudget: Int64
    /// Export formats, the default first; empty when the type cannot be exported.
    public let exportFormats: [String]

    public var description: String { name }

    /// Every classification type, the default first.
    public static let classification: [ImageModelType] =
        [
            ImageModelType(
                name: "cloud", isDetection: false, budgetRange: 8_000...800_000, defaultBudget: 192_000,
                exportFormats: [])
        ]
        + ["mobile-low-latency-1", "mobile-versatile-1", "mobile-high-accuracy-1"].map {
            ImageModelType(
                name: $0, isDetection: false, budgetRange: 1_000...100_000, defaultBudget: 24_000,
                exportFormats: ["tflite", "edgetpu_tflite", "tf_saved_model", "tf_js", "docker"])
        }
        + ["mobile-core-ml-low-latency-1", "mobile-core-ml-versatile-1", "mobile-core-ml-high-accuracy-1"].map {
            ImageModelType(
                name: $0, isDetection: false, budgetRange: 1_000...100_000, defaultBudget: 24_000,
                exportFormats: ["core_ml"])
        }

    /// Every object-detection type, the default first.
    public static let detection: [ImageModelType] =
        ["cloud-high-accuracy-1", "cloud-low-latency-1"].map {
            ImageModelType(
                name: $0, isDetection: true, budgetRange: 20_000...900_000, defaultBudget: 216_000,
                exportFormats: [])
        }
        + ["mobile-low-latency-1", "mobile-versatile-1", "mobile-high-accuracy-1"].map {
            ImageModelType(
                name: $0, isDetection: true, budgetRange: 1_000...100_000, defaultBudget: 24_000,
                exportFormats: ["tflite", "tf_saved_model", "tf_js"])
        }

    /// The type named `name` in a domain (snake_case spellings accepted, as the service accepts them);
    /// an empty name gives the domain's default. Nil when the domain has no such type.
    public static func named(_ name: String, detection: Bool) -> ImageModelType? {
        let types = detection ? Self.detection : Self.classification
        if name.isEmpty { return types.first }
        let normalized = name.replacingOccurrences(of: "_", with: "-")
        return types.first { $0.name == normalized }
    }

    /// A budget in words for messages: `8,000–800,000 milli node hours (8–800 node hours)`.
    public var budgetRangeText: String {
        "\(grouped(budgetRange.lowerBound))–\(grouped(budgetRange.upperBound)) milli node hours "
            + "(\(budgetRange.lowerBound / 1000)–\(budgetRange.upperBound / 1000) node hours)"
    }
}

/// `800000` → `800,000`.
func grouped(_ value: Int64) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return result
}

extension ImageModelType {
    /// Vertex AI's name of the model type (`CLOUD`, `MOBILE_TF_VERSATILE_1`, `CLOUD_HIGH_ACCURACY_1`); nil for the
    /// types Vertex AI does not have (the Core ML ones: on Vertex AI, Core ML is an export format of MOBILE_TF_*).
    public var vertexName: String? {
        Self.vertexNames.first { $0.v1 == name && $0.detection == isDetection }?.vertex
    }

    /// The model type Vertex AI's name stands for; the objective's default for an empty name.
    public init?(vertexName: String, detection: Bool) {
        let wanted = vertexName.isEmpty ? (detection ? "CLOUD_HIGH_ACCURACY_1" : "CLOUD") : vertexName
        guard let entry = Self.vertexNames.first(where: { $0.vertex == wanted && $0.detection == detection }),
            let type = Self.named(entry.v1, detection: detection)
        else { return nil }
        self = type
    }

    /// Vertex AI's names of the model types both APIs have, for each objective.
    public static func vertexNames(detection: Bool) -> [String] {
        vertexNames.filter { $0.detection == detection }.map(\.vertex)
    }

    private static let vertexNames: [(vertex: String, v1: String, detection: Bool)] = [
        ("CLOUD", "cloud", false), ("MOBILE_TF_LOW_LATENCY_1", "mobile-low-latency-1", false),
        ("MOBILE_TF_VERSATILE_1", "mobile-versatile-1", false),
        ("MOBILE_TF_HIGH_ACCURACY_1", "mobile-high-accuracy-1", false),
        ("CLOUD_HIGH_ACCURACY_1", "cloud-high-accuracy-1", true), ("CLOUD_LOW_LATENCY_1", "cloud-low-latency-1", true),
        ("MOBILE_TF_LOW_LATENCY_1", "mobile-low-latency-1", true),
        ("MOBILE_TF_VERSATILE_1", "mobile-versatile-1", true),
        ("MOBILE_TF_HIGH_ACCURACY_1", "mobile-high-accuracy-1", true),
    ]
}
