import AutoMLClient
import Foundation

/// Writes the commands of a session, each after it has run, to a file that replays with `automl -f FILE` against
/// a fresh backend: a preamble pins the project, location and current resources; IDs become the variables bound
/// where their resources were made, or display names (see ``TranscriptNames``); a failed command is written as a
/// comment; lines that look like they carry secrets are left out.
final class TranscriptRecorder {
    let path: String
    private let handle: FileHandle
    private(set) var names: TranscriptNames
    /// The preamble's `use dataset` and `use model` lines not written yet. Each goes in just before the first
    /// recorded command that reads that current resource, and is dropped once the current one is another (made by
    /// `dataset create`, a finished training, a `use`): a transcript that makes its own dataset then replays on a
    /// backend that never had the old one.
    private var pendingPins: [(kind: String, id: String, line: String)] = []

    /// Creates the file (mode 0600); an existing file is refused unless `replace` is set.
    init(path: String, replace: Bool, names: TranscriptNames) throws {
        self.path = path
        self.names = names
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists" : String(cString: strerror(errno))
            throw ShellError(
                "cannot write the transcript \(path): \(reason)",
                hint: errno == EEXIST
                    ? "choose another file, or replace it: `record --replace \(path)`"
                    : nil)
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// The first lines: how to replay, then the project and location; the current resources the commands after may
    /// rely on (by display name where unique) follow when a command needs them (see `pendingPins`). The endpoint is
    /// left out so the transcript replays anywhere.
    func writePreamble(context: SessionContext, endpoint: String, date: Date = Date()) {
        let stamp = ISO8601DateFormatter().string(from: date)
        var lines = [
            "# automl transcript, recorded \(stamp) on \(endpoint) (automl \(AutoMLClientVersion.current)).",
            "# Replay: automl -f \(URL(fileURLWithPath: path).lastPathComponent) "
                + "(add --endpoint URL to replay on another backend).",
            "# What it makes is named by variables set where it is made, such as $dataset_flowers by "
                + "`dataset create flowers`.",
            "use project \(ShellQuoting.quote(context.project ?? SessionContext.localProject))",
            "use location \(ShellQuoting.quote(context.location))",
        ]
        for (kind, id) in [("dataset", context.dataset), ("model", context.model)] {
            guard let id else { continue }
            let line =
                switch names.replacement(for: id) {
                case .displayName(let name)?: "use \(kind) \(ShellQuoting.quote(name))"
                case .literal(let comment)?: "use \(kind) \(id)  # \(comment)"
                case .variable?, nil:
                    "use \(kind) \(id)  # \(id) existed before the recording; its display name is not known"
                }
            pendingPins.append((kind, id, line))
        }
        write(lines.joined(separator: "\n") + "\n")
    }

    /// Writes the pins a command that ran reads (when it succeeded), and drops those it made stale.
    private func settlePins(before words: [String], succeeded: Bool, after context: SessionContext) {
        let plain = words.filter { !$0.hasPrefix("-") }
        pendingPins.removeAll { pin in
            if plain.starts(with: ["use", pin.kind]) { return true }
            if succeeded, Self.reads(pin.kind, plain) {
                write(pin.line + "\n")
                return true
            }
            return (pin.kind == "dataset" ? context.dataset : context.model) != pin.id
        }
    }

    /// Whether a command (its words without options) reads the current dataset or model.
    static func reads(_ kind: String, _ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        if kind == "dataset" {
            return ["labels", "train", "resume"].contains(first)
                || (first == "dataset" && words.dropFirst().first != "create")
        }
        return ["model", "evaluations", "evaluation", "predict", "batch-predict", "resume"].contains(first)
    }

    /// Records a command that has run: its line rewritten (with `adding`, the words it chose that the replay must
    /// give), or a comment when it failed (status not 0); then takes the bindings it made, for the lines after.
    func record(
        _ command: TokenizedCommand, words: [String], input: String, expander: VariableExpander, status: Int32,
        bindings: [ShellVariables.Binding], context: SessionContext, adding extra: [String] = []
    ) {
        defer { for binding in bindings { names.bind(binding.name, to: binding.id) } }
        settlePins(before: words, succeeded: status == 0, after: context)
        guard !SecretFilter.mayCarrySecret(command.source) else { return }
        var line = TranscriptLine(command, input: input, expander: expander, names: names)
        if !extra.isEmpty { line.text += " " + extra.map { ShellQuoting.quote($0) }.joined(separator: " ") }
        if status == 0 {
            write(line.written + "\n")
        } else {
            // Commented out, so the replay does not stop where the recording went on.
            write("# failed: " + line.text.replacing("\n", with: "\n# ") + "\n")
        }
    }

    /// Records a command that could not run (a variable that did not expand), as a comment.
    func recordUnexpanded(_ command: TokenizedCommand) {
        guard !SecretFilter.mayCarrySecret(command.source) else { return }
        write("# failed: " + command.source.replacing("\n", with: "\n# ") + "\n")
    }

    func close() {
        try? handle.close()
    }

    private func write(_ text: String) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
