@testable import AutoMLEmulator

/// The list filter parsers (v1's and Vertex AI's) on any text, for each list: a filter that parses has a canonical form that parses back
/// to the same filter.
enum FilterTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for list in FilterableList.allCases {
            guard let filter = try? FilterExpression(parsing: text, for: list) else { continue }
            let canonical = filter.description
            let again = try? FilterExpression(parsing: canonical, for: list)
            require(again == filter, "the canonical form \(canonical.debugDescription) parses back to the same filter")
        }
        for list in VertexFilterableList.allCases {
            guard let filter = try? VertexFilterExpression(parsing: text, for: list) else { continue }
            let canonical = filter.description
            let again = try? VertexFilterExpression(parsing: canonical, for: list)
            require(again == filter, "the canonical form \(canonical.debugDescription) parses back to the same filter")
        }
    }
}
