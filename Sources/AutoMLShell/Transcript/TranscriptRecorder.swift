import Foundation

/// Writes the commands of a session to a file that replays with `automl -f FILE` against a fresh backend:
/// IDs that are the session's current ones are written as `$dataset`, `$model` and `$operation`, and lines
/// that look like they carry secrets are left out.
final class TranscriptRecorder {
    let path: String
    private let handle: FileHandle

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ShellError("cannot write the transcript \(path)")
        }
        self.handle = handle
        handle.write(Data("# automl transcript; replay with: automl -f \(URL(fileURLWithPath: path).lastPathComponent)\n".utf8))
    }

    /// Records a command as it was typed, with current IDs replaced by variables.
    func record(_ line: String, context: SessionContext) {
        guard !SecretFilter.mayCarrySecret(line) else { return }
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let replacements: [(String?, String)] = [
            (context.dataset, "$dataset"), (context.model, "$model"), (context.operation, "$operation"),
        ]
        for index in words.indices {
            for (id, variable) in replacements where id != nil && words[index] == id {
                words[index] = variable
            }
        }
        handle.write(Data((words.joined(separator: " ") + "\n").utf8))
    }

    func close() {
        try? handle.close()
    }
}

/// Recognizes lines that must not be stored in history or transcripts.
enum SecretFilter {
    /// Whether the line mentions a credential: a bearer token, an OAuth access token, a token flag or variable.
    static func mayCarrySecret(_ line: String) -> Bool {
        let lowered = line.lowercased()
        return ["ya29.", "bearer ", "--token", "token=", "access_token", "refresh_token", "private_key",
                "client_secret", "google_oauth_access_token"].contains { lowered.contains($0) }
    }
}
