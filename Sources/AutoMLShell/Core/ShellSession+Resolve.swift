import AutoMLClient
import Foundation

extension ShellSession {
    /// The dataset named by an ID, a full name or a unique display name; the current one when nil.
    func dataset(_ text: String?) async throws -> DatasetName {
        let location = try location()
        guard let text = text ?? context.dataset else { throw ShellError.notSet("dataset", use: "use dataset ID") }
        if text.contains("/") { return try DatasetName(parsing: text) }
        if looksLikeID(text) { return try location.dataset(text) }
        let matches = try await backend().entries(of: .dataset, in: location).filter { $0.displayName == text }
        return try location.dataset(try unique(matches.map(\.id), kind: "dataset", text: text))
    }

    /// The model named by an ID, a full name or a unique display name; the current one when nil.
    func model(_ text: String?) async throws -> ModelName {
        let location = try location()
        guard let text = text ?? context.model else { throw ShellError.notSet("model", use: "use model ID") }
        if text.contains("/") { return try ModelName(parsing: text) }
        if looksLikeID(text) { return try location.model(text) }
        let matches = try await backend().entries(of: .model, in: location).filter { $0.displayName == text }
        return try location.model(try unique(matches.map(\.id), kind: "model", text: text))
    }

    /// The reference of the operation named by an ID, a reference or a full name (``BackendOperation/reference``);
    /// the last one started when nil.
    func operation(_ text: String?) async throws -> String {
        guard let text = text ?? context.operation else {
            throw ShellError.notSet("operation", use: "use operation ID")
        }
        let backend = try await backend()
        // A full name goes where it says (another project or location included), without a project set.
        if text.hasPrefix("projects/") { return try backend.operationReference(text, in: nil, known: []) }
        let location = try location()
        do {
            return try backend.operationReference(text, in: location, known: cache?.snapshot.entries(.operation) ?? [])
        } catch let error as ShellError where !text.contains("/") {
            // A bare ID the cache does not know (Vertex AI): list the operations and look again.
            guard let listed = try? await backend.entries(of: .operation, in: location) else { throw error }
            store(.operation, listed, complete: true)
            return try backend.operationReference(text, in: location, known: listed)
        }
    }

    /// The location an operation reference is under: its own for a full name, else the context's.
    func location(of reference: String) throws -> LocationName {
        guard reference.hasPrefix("projects/") else { return try location() }
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        return try LocationName(project: String(parts[1]), location: parts.count > 3 ? String(parts[3]) : "")
    }

    /// IDs are letters then digits (`ICN123…`, `IOD…`) or digits; anything else is taken as a display name.
    private func looksLikeID(_ text: String) -> Bool {
        let digits = text.drop { $0.isLetter && $0.isUppercase }
        return !digits.isEmpty && digits.allSatisfy(\.isNumber) && text.count - digits.count <= 4
    }

    private func unique(_ ids: [String], kind: String, text: String) throws -> String {
        switch ids.count {
        case 1: return ids[0]
        case 0:
            throw ShellError(
                "no \(kind) has the ID or display name \"\(text)\"",
                hint: "list them with `\(kind)s`")
        default:
            throw ShellError(
                "\(ids.count) \(kind)s have the display name \"\(text)\": \(ids.joined(separator: ", "))",
                hint: "use the ID")
        }
    }
}
