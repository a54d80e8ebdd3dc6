import Foundation

/// The prompt shows where commands go: `automl local:local/us-central1 ds:ICN…3456 m:ICN…7890> `. On the local
/// server, `local(off)` says that it does not run now (the next command that needs it starts it).
enum Prompt {
    static func text(for context: SessionContext, colors: Bool, serverRunning: Bool? = nil) -> String {
        let endpoint = context.endpointValue.promptName(serverRunning: serverRunning)
        let project = context.project ?? context.endpointValue.defaultProject ?? "?"
        var parts = ["automl", "\(endpoint):\(project)/\(context.location)"]
        if let dataset = context.dataset { parts.append("ds:" + abbreviated(dataset)) }
        if let model = context.model { parts.append("m:" + abbreviated(model)) }
        let text = parts.joined(separator: " ") + "> "
        return colors ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    /// The prompt for a line that continues a command (after an open quote or a trailing backslash).
    static func continuation(colors: Bool) -> String {
        colors ? "\u{1B}[1m> \u{1B}[0m" : "> "
    }

    /// `ICN5924568181703968057` → `ICN…8057`.
    static func abbreviated(_ id: String) -> String {
        guard id.count > 10 else { return id }
        let letters = id.prefix { $0.isLetter }
        return letters + "…" + id.suffix(4)
    }
}
