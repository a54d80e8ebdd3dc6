import AutoMLTestSupport
import Foundation
import Testing

/// The built `automl __complete` and the bash script in `completions/` that calls it.
@Suite(.serialized) struct CompletionScriptTests {
    let harness: BinaryHarness

    init() throws {
        harness = try BinaryHarness()
        let folder = harness.home.appendingPathComponent("cache/automl/local/local")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cache = """
            {"version": 1, "endpoint": null, "project": "local", "location": "us-central1",
             "kinds": {"dataset": {"fetchedAt": 1700000000.0, "entries": [["ICN111", "flowers"], ["ICN112", "Flowers v2"],
                                                                     ["IOD300", "boxes"]]}}}
            """
        try Data(cache.utf8).write(to: folder.appendingPathComponent("us-central1.json"))
    }

    /// The repository's `completions/` folder.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("completions")

    @Test func theBinaryPrintsCandidatesWithDisplayNames() throws {
        let result = try harness.run(["__complete", "2", "models", "--dataset", "flo"])
        #expect(result.status == 0)
        #expect(result.out == "ICN111\tflowers\nICN112\tFlowers v2\n")
        #expect(result.err == "")
        let commands = try harness.run(["__complete", "0", "mo"])
        #expect(commands.out == "model\nmodels\n")
        #expect(try harness.run(["__complete", "0", "emu"]).out == "emulator\n", "the binary's own commands too")
        #expect(try harness.run(["__complete", "nope"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: harness.home.path + "/data"), "no local backend started")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
    func theBashScriptFillsCOMPREPLY() throws {
        #expect(try bashCompletion(line: "automl mo", words: ["automl", "mo"]) == ["model", "models"])
        #expect(
            try bashCompletion(line: "automl use dataset ICN", words: ["automl", "use", "dataset", "ICN"])
                == ["ICN111", "ICN112"])
        // bash splits at `=`; the script glues the pieces back and answers for the part after it.
        #expect(try bashCompletion(line: "automl --format=ya", words: ["automl", "--format", "=", "ya"]) == ["yaml"])
        #expect(try bashCompletion(line: "automl model ", words: ["automl", "model", ""]).contains("get"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
    func theBashScriptKeepsDisplayNameMatchesListedAndQuotesValueFormats() throws {
        // Several matches by display name: listed with their names; the typed word stays (their common prefix
        // with it is empty, so readline changes nothing).
        #expect(
            try bashCompletion(line: "automl use dataset flo", words: ["automl", "use", "dataset", "flo"])
                == ["flo", "ICN111  (flowers)", "ICN112  (Flowers v2)"])
        // One match by display name replaces the name with its ID.
        #expect(
            try bashCompletion(line: "automl use dataset box", words: ["automl", "use", "dataset", "box"])
                == ["IOD300"])
        // `(` would be a syntax error in bash: the format goes in quoted.
        #expect(try bashCompletion(line: "automl --format val", words: ["automl", "--format", "val"]) == ["'value("])
        #expect(
            try bashCompletion(line: "automl --format=val", words: ["automl", "--format", "=", "val"])
                == ["'value("])
    }

    /// COMPREPLY after `_automl` for a line with the cursor at its end, split into COMP_WORDS as given.
    private func bashCompletion(line: String, words: [String]) throws -> [String] {
        let script = """
            source "$1"
            COMP_LINE=$2; COMP_POINT=${#COMP_LINE}
            shift 2
            COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _automl
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments =
            ["-c", script, "bash", Self.scripts.appendingPathComponent("automl.bash").path, line]
            + words
        var environment = harness.environment
        environment["PATH"] = try builtAutomlBinary().deletingLastPathComponent().path + ":/usr/bin:/bin"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return text.split(separator: "\n").map(String.init)
    }
}
