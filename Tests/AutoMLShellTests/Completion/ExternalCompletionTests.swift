import ArgumentParser
import AutoMLClient
import Foundation
import Testing

@testable import AutoMLShell

/// A home with its own XDG folders and resource caches, removed at the end.
final class TemporaryShellHome {
    let path = NSTemporaryDirectory() + "automl-complete-\(UUID().uuidString)"

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    var values: [String: String] {
        [
            "HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_STATE_HOME": path + "/state",
            "XDG_CACHE_HOME": path + "/cache", "XDG_DATA_HOME": path + "/data",
        ]
    }

    var environment: EnvironmentVariables { EnvironmentVariables(values) }

    /// Writes the cache file of `scope` with these datasets and models.
    func cache(_ scope: ResourceScope, datasets: [ResourceEntry], models: [ResourceEntry] = []) {
        var catalog = ResourceCatalog()
        catalog.replace(.dataset, with: datasets, fetchedAt: Date(timeIntervalSince1970: 1_700_000_000))
        catalog.replace(.model, with: models, fetchedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let warning = ResourceCacheStore(directory: ShellPaths(environment: environment).cache).save(
            catalog, for: scope)
        #expect(warning == nil)
    }

    /// The local backend's default scope, which a fresh session completes from.
    static let localScope = ResourceScope(endpoint: nil, project: "local", location: "us-central1")
}

@Suite("Completion: automl __complete for login shells")
struct ExternalCompletionTests {
    let home = TemporaryShellHome()

    init() {
        home.cache(
            TemporaryShellHome.localScope,
            datasets: [
                ResourceEntry(id: "ICN111", displayName: "flowers"),
                ResourceEntry(id: "ICN112", displayName: "Flowers v2"),
                ResourceEntry(id: "IOD300", displayName: "boxes"),
            ],
            models: [ResourceEntry(id: "ICN900", displayName: "flowers_model")])
    }

    func words(_ words: String..., cword: Int? = nil) -> [String] {
        candidates(words, cword: cword).map(\.word)
    }

    func candidates(_ words: [String], cword: Int? = nil) -> [ExternalCompletion.Candidate] {
        ExternalCompletion.candidates(words: words, cword: cword ?? words.count - 1, environment: home.environment)
    }

    @Test func theFirstWordIsACommand() {
        let first = words("")
        #expect(first.contains("models"))
        #expect(first.contains("use"))
        #expect(first.contains("help"))
        #expect(!first.contains { $0.hasPrefix("-") }, "flags only once a dash is typed, as in the shell")
        #expect(words("mo") == ["model", "models"])
        #expect(words(cword: 0) == first, "a CWORD past the last word completes an empty word")
    }

    @Test func subcommandsAndFlags() {
        #expect(words("model", "").contains("get"))
        #expect(words("use", "da") == ["dataset"])
        #expect(words("models", "--da") == ["--dataset"])
    }

    @Test func automlsOwnOptionsComeBeforeTheCommandAndTheGlobalOnesAfterIt() {
        let options = words("-")
        for name in ["--endpoint", "--project", "--location", "--format", "-f", "-c"] {
            #expect(options.contains(name))
        }
        #expect(words("--format", "y") == ["yaml"])
        #expect(words("--format=ya") == ["--format=yaml"], "the whole word, as zsh and fish replace it")
        #expect(words("--location", "") == ["eu", "us-central1"])
        #expect(words("--format", "yaml", "mo") == ["model", "models"])
        let after = words("models", "-")
        for name in ["--endpoint", "--project", "--location", "--format", "--dataset"] {
            #expect(after.contains(name), "\(name) after the command")
        }
        #expect(!after.contains("-f") && !after.contains("-c"), "-f and -c only before the command")
        #expect(words("models", "--format", "t") == ["table"])
        #expect(words("use", "dataset", "--format=y") == ["--format=yaml"])
        #expect(!words("dataset", "-").contains("--format"), "a group only selects a command")
    }

    @Test func aProjectGivenAfterTheCommandChoosesTheCache() {
        home.cache(
            ResourceScope(endpoint: nil, project: "other", location: "us-central1"),
            datasets: [ResourceEntry(id: "OTH1", displayName: "elsewhere")])
        #expect(words("use", "dataset", "--project", "other", "") == ["OTH1"])
        #expect(words("models", "--project=other", "--dataset", "") == ["OTH1"])
    }

    @Test func theWrittenOutOptionsAreThoseOfShellOptions() {
        let help = ShellOptions.helpMessage()
        for name in ExternalCompletion.launcherOptions.flatMap(\.names) {
            #expect(help.contains(name + " ") || help.contains(name + ","), "\(name) is an option of automl")
        }
    }

    @Test func resourceIDsComeFromTheCacheWithTheirDisplayNames() {
        #expect(
            candidates(["models", "--dataset", "ICN1"]) == [
                ExternalCompletion.Candidate(word: "ICN111", description: "flowers"),
                ExternalCompletion.Candidate(word: "ICN112", description: "Flowers v2"),
            ])
        #expect(
            candidates(["model", "get", "flo"]) == [
                ExternalCompletion.Candidate(word: "ICN900", description: "flowers_model")
            ])
        #expect(words("use", "dataset", "box") == ["IOD300"], "a display name prefix gives the ID")
        #expect(
            candidates(["use", "dataset", "'ICN11"]).map(\.description) == ["flowers", "Flowers v2"],
            "a quoted word keeps the descriptions")
    }

    @Test func projectGivenOnTheLineChoosesTheCache() {
        home.cache(
            ResourceScope(endpoint: nil, project: "other", location: "eu"),
            datasets: [ResourceEntry(id: "OTH1", displayName: "elsewhere")])
        #expect(words("--project", "other", "--location=eu", "use", "dataset", "") == ["OTH1"])
        #expect(words("use", "dataset", "") == ["ICN111", "ICN112", "IOD300"])
        #expect(words("--project", "") == ["local", "other"], "projects with a cache on this endpoint")
    }

    @Test func theSavedSessionChoosesTheCache() {
        let endpoint = "http://127.0.0.1:9"
        home.cache(
            ResourceScope(endpoint: endpoint, project: "saved", location: "us-central1"),
            datasets: [ResourceEntry(id: "SAV1", displayName: "saved one")])
        SessionStore(path: ShellPaths(environment: home.environment).sessionFile, report: { _ in })
            .save(SavedSession(context: SessionContext(endpoint: endpoint, project: "saved")))
        #expect(
            candidates(["use", "dataset", ""]) == [
                ExternalCompletion.Candidate(word: "SAV1", description: "saved one")
            ])
        #expect(
            words("--endpoint", "local", "--project", "local", "use", "dataset", "I") == ["ICN111", "ICN112", "IOD300"])
    }

    @Test func nothingIsStartedWrittenOrFetched() {
        // A stale cache of an endpoint where nothing listens: answered from the file, never refreshed.
        let endpoint = "http://127.0.0.1:9"
        home.cache(
            ResourceScope(endpoint: endpoint, project: "p", location: "us-central1"),
            datasets: [ResourceEntry(id: "OLD1", displayName: "stale")])
        let start = Date()
        #expect(words("--endpoint", endpoint, "--project", "p", "models", "--dataset", "") == ["OLD1"])
        #expect(words("--endpoint", endpoint, "--project", "p", "operation", "get", "") == [])
        #expect(Date().timeIntervalSince(start) < 5)
        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: home.path + "/data"), "no local backend data folder")
        #expect(!manager.fileExists(atPath: home.path + "/config"), "no session saved")
    }

    @Test func setCompletesItsKeysAndEachKeysValues() {
        #expect(words("set", "") == ["bucket", "echo", "format", "location", "on-error", "pager", "project"])
        #expect(words("set", "echo", "") == ["off", "on"])
        #expect(words("set", "format", "") == ["json", "table", "value(", "yaml"])
        #expect(words("set", "on-error", "c") == ["continue"])
        #expect(words("set", "location", "") == ["eu", "us-central1"])
        #expect(words("set", "project", "lo") == ["local"])
        #expect(words("set", "nothing", "").isEmpty)
    }

    @Test func endpointsCompleteTheirNames() {
        #expect(words("use", "endpoint", "") == ["cloud", "local", "vertex", "vertex:local"])
        #expect(words("use", "endpoint", "vertex:") == ["vertex:local"])
        #expect(words("--endpoint", "c") == ["cloud"])
        #expect(words("--endpoint=l") == ["--endpoint=local"])
    }

    @Test func outOfRangeWordsGiveNothing() {
        #expect(ExternalCompletion.candidates(words: ["models"], cword: 2, environment: home.environment).isEmpty)
        #expect(ExternalCompletion.candidates(words: [], cword: -1, environment: home.environment).isEmpty)
    }

    @Test func extraRootCommandsAndFlagsAreOffered() {
        let extra = CommandNode(
            name: "automl", subcommands: [CommandNode(name: "emulator")],
            arguments: [ArgumentSpec(kind: .flag, names: ["--version"])])
        let complete = { (words: [String]) in
            ExternalCompletion.candidates(
                words: words, cword: words.count - 1, environment: home.environment,
                extraRoot: extra
            ).map(\.word)
        }
        #expect(complete(["em"]) == ["emulator"])
        #expect(complete(["--ver"]) == ["--version"])
    }
}
