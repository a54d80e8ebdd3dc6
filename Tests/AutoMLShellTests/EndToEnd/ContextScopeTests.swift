import AutoMLTestSupport
import Foundation
import Testing

/// The scoping rule of docs/shell.md ("What is saved"), one test per rule, on the built binary and the local
/// backend: flags and environment last for their run; one-shot `use`/`set`/`unset` save; other one-shot commands and
/// scripts change nothing saved; the current resources are kept per scope.
@Suite(.serialized) struct ContextScopeTests {
    /// A home with a saved session: project `home`, dataset `flowers` current, format json.
    private func savedHome() throws -> (harness: BinaryHarness, dataset: String) {
        let harness = try BinaryHarness()
        #expect(try harness.run(["use", "project", "home"]).status == 0)
        let created = try harness.run(["--format", "value(name)", "dataset", "create", "flowers"])
        #expect(created.status == 0, "\(created.err)")
        let dataset = String(created.out.split(separator: "/").last ?? "").trimmingCharacters(in: .newlines)
        #expect(try harness.run(["use", "dataset", "flowers"]).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - json")
        return (harness, dataset)
    }

    @Test func flagsAreNeverSaved() throws {
        let (harness, dataset) = try savedHome()
        // The reported bug: one run with --project moved every later run to that project and lost the dataset.
        let other = try harness.run(["--project", "other", "context"])
        #expect(other.status == 0)
        #expect(other.out.contains("\"project\": \"other\""))
        #expect(!other.out.contains(dataset), "the dataset belongs to project home")
        #expect(try harness.run(["--format", "table", "--location", "europe-west1", "datasets"]).status == 0)
        #expect(try harness.run(["-c", "context", "--format", "yaml"]).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - json")
    }

    @Test func environmentVariablesAreNeverSaved() throws {
        let (harness, dataset) = try savedHome()
        let other = try harness.run(["context"], environment: ["GOOGLE_CLOUD_PROJECT": "from-env"])
        #expect(other.out.contains("\"project\": \"from-env\""))
        #expect(
            try harness.run(["dataset", "create", "tulips"], environment: ["CLOUDSDK_CORE_PROJECT": "env2"]).status == 0
        )
        #expect(try harness.savedContext() == "home \(dataset) - json")
    }

    @Test func oneShotContextCommandsSave() throws {
        let (harness, dataset) = try savedHome()
        #expect(try harness.run(["set", "format", "yaml"]).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - yaml")
        #expect(try harness.run(["unset", "dataset"]).status == 0)
        #expect(try harness.savedContext() == "home - - yaml")
        #expect(try harness.run(["use", "dataset", dataset]).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - yaml")
        // `set format` saves even when --format had already chosen the same value for the run.
        #expect(try harness.run(["set", "format", "json", "--format", "json"]).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - json")
    }

    @Test func otherOneShotCommandsSaveNothing() throws {
        let (harness, dataset) = try savedHome()
        let created = try harness.run(["dataset", "create", "tulips"])
        #expect(created.status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - json", "a created dataset is current for its run only")
    }

    @Test func scriptsStartFromTheSavedContextAndSaveNothing() throws {
        let (harness, dataset) = try savedHome()
        let script = "use project elsewhere\nset format yaml\ndataset create roses\nunset model\n"
        let file = try harness.file("script.automl", script + "context\n")
        let fromFile = try harness.run(["-f", file])
        #expect(fromFile.status == 0, "\(fromFile.err)")
        #expect(fromFile.out.contains("project: elsewhere"), "what a script changes lasts for its run")
        #expect(try harness.run(["-c", script.replacing("\n", with: "; ")]).status == 0)
        #expect(try harness.run([], input: script).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - json")
        // It starts from the saved context, with the run's flags on top.
        let piped = try harness.run(["--format", "value(dataset,format)"], input: "context\n")
        #expect(piped.out == "\(dataset)\tvalue(dataset,format)\n")
    }

    @Test func onErrorLastsForTheRunItIsSetIn() throws {
        let harness = try BinaryHarness()
        // The reported bug: this switched stop-at-first-error off for every later script and shell.
        let set = try harness.run(["-c", "set on-error continue"])
        #expect(set.status == 0)
        let oneShot = try harness.run(["set", "on-error", "continue"])
        #expect(oneShot.err.contains("on-error lasts for the run it is set in"))
        let script = try harness.run(["-c", "model get ICN404; context"])
        #expect(script.status == 1)
        #expect(!script.out.contains("onError"), "the script stopped at the error")
        let continued = try harness.run(["-c", "set on-error continue; model get ICN404; context"])
        #expect(continued.status == 1)
        #expect(continued.out.contains("\"onError\": \"continue\""))
    }

    @Test func currentResourcesAreKeptPerScope() throws {
        let (harness, dataset) = try savedHome()
        let created = try harness.run(["--project", "other", "--format", "value(name)", "dataset", "create", "tulips"])
        let tulips = String(created.out.split(separator: "/").last ?? "").trimmingCharacters(in: .newlines)
        let used = try harness.run(["--project", "other", "use", "dataset", "tulips"])
        #expect(used.status == 0, "\(used.err)")
        #expect(used.err.contains("saved as current for local/other/us-central1"))
        #expect(try harness.savedContext() == "home \(dataset) - json", "the defaults stay")
        let there = try harness.run(["context", "--project", "other", "--format", "value(project,dataset)"])
        #expect(there.out == "other\t\(tulips)\n", "a run in project other finds its dataset")
        #expect(try harness.run(["use", "project", "other"]).status == 0)
        #expect(try harness.savedContext() == "other \(tulips) - json")
        #expect(try harness.run(["use", "project", "home"]).status == 0)
        #expect(try harness.savedContext() == "home \(dataset) - json", "coming back finds the place again")
    }

    @Test func globalOptionsAnywhereOnTheLine() throws {
        let (harness, dataset) = try savedHome()
        // The reported bug: these failed with "Unknown option".
        let table = try harness.run(["datasets", "--format", "value(displayName)"])
        #expect(table.status == 0, "\(table.err)")
        #expect(table.out == "flowers\n")
        let context = try harness.run(["context", "--project", "p", "--format=value(project)"])
        #expect(context.out == "p\n")
        let middle = try harness.run(["dataset", "--format", "value(displayName)", "get", dataset])
        #expect(middle.out == "flowers\n")
        let inScript = try harness.run(["-c", "dataset get --format value(displayName); dataset get"])
        #expect(inScript.out.hasPrefix("flowers\n{\n"), "a command's own --format ends with it")
        let bad = try harness.run(["datasets", "--format", "tabel"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("\"tabel\" is not a format"))
        let missing = try harness.run(["models", "--project"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("--project needs a value"))
        #expect(try harness.savedContext() == "home \(dataset) - json")
    }

    @Test func sourceAsAOneShotCommandAndNested() throws {
        let harness = try BinaryHarness()
        let inner = try harness.file("inner.automl", "set format value(project)\ncontext\n")
        let outer = try harness.file("outer.automl", "use project sourced\nsource \(inner)\n")
        let run = try harness.run(["source", outer])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "sourced\n")
        #expect(try harness.savedContext() == "local - - -", "a one-shot source is a script: nothing is saved")

        let loop = try harness.file(
            "loop.automl", "context --format value(project)\nsource \(harness.home.path)/loop.automl\n")
        let nested = try harness.run(["source", loop])
        #expect(nested.status == 1)
        #expect(nested.out == String(repeating: "local\n", count: 8), "eight levels run")
        #expect(nested.err.contains("nested more than 8 deep"))
        #expect(
            nested.err.components(separatedBy: "error:").count == 3, "the refusal, then where the outermost stopped")
        #expect(nested.err.contains("error: \(loop) stopped at an error"))
    }

    @Test func echoPrintsEachCommandBeforeItRuns() throws {
        let harness = try BinaryHarness()
        let file = try harness.file("echo.automl", "set format value(project)\ncontext # where\n")
        let echoed = try harness.run(["-x", "-f", file])
        #expect(echoed.out == "+ set format value(project)\n+ context\nlocal\n")
        let piped = try harness.run(["--echo"], input: "context --format value(location)\n")
        #expect(piped.out == "+ context --format value(location)\nus-central1\n")
        let quiet = try harness.run([
            "-c", "set echo on; context --format value(location); set echo off; context --format value(location)",
        ])
        #expect(quiet.out == "+ context --format value(location)\nus-central1\n+ set echo off\nus-central1\n")
    }
}
