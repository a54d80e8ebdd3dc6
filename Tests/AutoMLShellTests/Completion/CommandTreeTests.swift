import ArgumentParser
import Foundation
import Testing

@testable import AutoMLShell

@Suite("Completion: command tree from ArgumentParser")
struct CommandTreeTests {
    let root = TestCommands.tree.root

    @Test func buildsInProcessFromTheDumpHelpJSON() throws {
        #expect(root.name == "automl")
        let names = root.subcommands.map(\.name)
        #expect(names.starts(with: ["use", "models", "train", "set", "operation", "predict"]))
        #expect(root.subcommand("use")?.subcommands.map(\.name) == ["dataset", "model", "project", "location"])
        #expect(root.subcommand("operation")?.subcommands.map(\.name) == ["get", "cancel"])
        #expect(root.subcommand("secret")?.isHidden == true)
    }

    @Test func argumentsKeepKindNamesAndValueNames() throws {
        let train = try #require(root.subcommand("train"))
        let budget = try #require(train.namedArgument("--budget"))
        #expect(budget.kind == .option)
        #expect(budget.valueName == "budget")
        #expect(budget.completion == .none)
        let name = try #require(train.namedArgument("-n"))
        #expect(name.names == ["--name", "-n"])
        #expect(train.namedArgument("--deploy")?.kind == .flag)
        #expect(train.namedArgument("--tag")?.isRepeating == true)
        let predict = try #require(root.subcommand("predict"))
        #expect(predict.positionals.map(\.valueName) == ["file"])
        #expect(predict.positionals.first?.isRepeating == true)
    }

    @Test func valueCompletionsFollowValueNames() throws {
        func completion(_ path: [String], _ argument: String? = nil) -> ValueCompletion? {
            var node = root
            for word in path {
                guard let next = node.subcommand(word) else { return nil }
                node = next
            }
            return argument.map { node.namedArgument($0)?.completion } ?? node.positionals.first?.completion
        }
        #expect(completion(["use", "dataset"]) == .resource(.dataset))
        #expect(completion(["use", "model"]) == .resource(.model))
        #expect(completion(["use", "project"]) == .resource(.project))
        #expect(completion(["use", "location"]) == .resource(.location))
        #expect(completion(["operation", "get"]) == .resource(.operation))
        #expect(completion(["models"], "--dataset") == .resource(.dataset))
        #expect(completion(["train"], "--base-model") == .resource(.model))
        #expect(completion(["train"], "--model-type") == .words(ValueCompletion.modelTypes))
        #expect(completion(["set", "format"]) == .words(OutputFormat.completions))
        #expect(completion(["predict"]) == .files(extensions: []))
        #expect(completion(["import"]) == .storage(localFiles: ["csv"]))
        #expect(completion(["export"], "--to") == .directories)
        #expect(completion(["export"], "--model-format") == .words(ValueCompletion.exportFormats))
        #expect(ValueCompletion.exportFormats.contains("tflite"))
        #expect(ValueCompletion.exportFormats.contains("core_ml"))
        #expect(completion(["unset"]) == .words(["dataset", "model", "operation"]))
    }

    @Test func modelTypesCoverBothDomainsOnce() {
        let types = ValueCompletion.modelTypes
        #expect(types.contains("cloud"))
        #expect(types.contains("cloud-high-accuracy-1"))
        #expect(types.contains("mobile-core-ml-versatile-1"))
        #expect(Set(types).count == types.count)
        #expect(types == types.sorted())
    }

    @Test func decodesCompletionKindsAndAllValues() throws {
        let json = """
            {"serializationVersion": 0, "command": {"commandName": "tool", "arguments": [
              {"kind": "option", "names": [{"kind": "long", "name": "color"}], "valueName": "color",
               "isOptional": true, "isRepeating": false, "shouldDisplay": true,
               "completionKind": {"list": {"values": ["red", "green"]}}},
              {"kind": "option", "names": [{"kind": "longWithSingleDash", "name": "image"}], "valueName": "image",
               "completionKind": {"file": {"extensions": ["png"]}}},
              {"kind": "positional", "valueName": "out", "completionKind": {"directory": {}}},
              {"kind": "positional", "valueName": "cmd", "completionKind": {"shellCommand": {"command": "ls"}}}
            ]}}
            """
        let tree = try CommandTree(dumpHelpJSON: Data(json.utf8))
        let arguments = tree.root.arguments
        #expect(
            arguments.map(\.completion) == [
                .words(["red", "green"]), .files(extensions: ["png"]), .directories, .none,
            ])
        #expect(arguments[1].names == ["-image"])
    }

    @Test func malformedJSONIsAnError() {
        #expect(throws: DumpHelpError.self) {
            try CommandTree(dumpHelpJSON: Data("{\"command\": 3}".utf8))
        }
    }
}
