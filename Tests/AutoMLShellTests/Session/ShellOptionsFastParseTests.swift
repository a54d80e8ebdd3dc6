import ArgumentParser
import Testing

@testable import AutoMLShell

/// The fast reading of `automl`'s options gives what ArgumentParser gives, or leaves the line to it.
@Suite struct ShellOptionsFastParseTests {
    static let lines: [[String]] = [
        [], ["models"], ["models", "--format", "table"], ["--format", "table", "models"], ["--format=yaml", "context"],
        ["--endpoint", "http://127.0.0.1:8080", "--project", "p", "--location", "eu", "datasets"],
        ["--endpoint=local", "use", "dataset", "flowers"], ["-f", "t.automl"], ["--file", "t.automl"],
        ["-c", "context; models"], ["--command=context"], ["-x", "-f", "t.automl"], ["--echo", "-c", "models"],
        ["-x"], ["--project", "a", "--project", "b", "context"], ["use", "project", "--project", "p"],
        ["models", "-x"], ["dataset", "get", "--", "x"], ["--format", "value(name,displayName)", "models"],
        ["-", "models"], ["--project", "p", "-", "x"], ["--insecure", "--endpoint", "http://10.0.0.2:80", "models"],
        ["-x", "--insecure", "-f", "t.automl"], ["--log-http", "models"], ["--project", "p", "--log-http", "-c", "x"],
        ["--no-rc"], ["--color", "always", "models"], ["--color=never", "-c", "x"], ["--no-rc", "--color", "auto"],
        // Left to ArgumentParser: help, unknown options, missing values, values that look like options, `--`.
        ["--help"], ["-h"], ["--bogus", "models"], ["--project"], ["--project", "--format", "json"], ["-c"],
        ["--", "models"], ["-xf", "t.automl"], ["-x=1"], ["-f=t.automl"],
    ]

    @Test(arguments: lines)
    func readsLikeArgumentParser(_ line: [String]) throws {
        let parsed = Result { try ShellOptions.parse(line) }
        guard let fast = ShellOptions.fastParse(line) else {
            return  // ArgumentParser reads it (and reports what is wrong with it).
        }
        let expected = try #require(try? parsed.get(), "the fast path accepted \(line), which ArgumentParser refuses")
        #expect(fast.endpoint == expected.endpoint)
        #expect(fast.project == expected.project)
        #expect(fast.location == expected.location)
        #expect(fast.format == expected.format)
        #expect(fast.file == expected.file)
        #expect(fast.command == expected.command)
        #expect(fast.echo == expected.echo)
        #expect(fast.insecure == expected.insecure)
        #expect(fast.logHTTP == expected.logHTTP)
        #expect(fast.noRC == expected.noRC)
        #expect(fast.color == expected.color)
        #expect(fast.words == expected.words)
    }

    @Test func theUsualLinesTakeTheFastPath() {
        for line in [["models"], ["--format", "table", "models"], ["-x", "-f", "t"], []] {
            #expect(ShellOptions.fastParse(line) != nil, "\(line)")
        }
        for line in [["--help"], ["--bogus"], ["--project"], ["--", "models"]] {
            #expect(ShellOptions.fastParse(line) == nil, "\(line)")
        }
    }
}
