import ArgumentParser
import Foundation
import Testing

@testable import AutoMLShell

/// A line with the cursor marked by `⌖` (removed), like swift-format's MarkedText: `"use dataset IC⌖"`.
struct MarkedLine {
    static let marker: Character = "⌖"

    var line: String
    /// The cursor as a UTF-8 byte offset into `line`.
    var cursor: Int

    init(_ marked: String) {
        let index = marked.firstIndex(of: Self.marker) ?? marked.endIndex
        cursor = marked[..<index].utf8.count
        line = marked.replacing(String(Self.marker), with: "")
    }
}

extension CompletionEngine {
    /// Completes a marked line.
    func complete(_ marked: String) -> CompletionResult {
        let marked = MarkedLine(marked)
        return complete(line: marked.line, cursorUTF8Offset: marked.cursor)
    }
}

extension CompletionResult {
    /// The insertions, overflow entry included.
    var insertions: [String] { candidates.map(\.insertion) }
    /// What the list shows (the insertion when there is no display).
    var displays: [String] { candidates.map { $0.display ?? $0.insertion } }
    /// The replaced range.
    var range: Range<Int> { replaceStart..<replaceEnd }
}

/// The command tree of a small root command shaped like the shell's.
enum TestCommands {
    static let tree: CommandTree = {
        do {
            return try CommandTree(root: TestRoot.self)
        } catch {
            Issue.record("test command tree: \(error)")
            return CommandTree(root: CommandNode(name: "broken"))
        }
    }()

    /// Datasets, models and operations as a cache would hold them.
    static let catalog: ResourceCatalog = {
        var catalog = ResourceCatalog()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        catalog.replace(
            .dataset,
            with: [
                ResourceEntry(id: "ICN111", displayName: "flowers"),
                ResourceEntry(id: "ICN112", displayName: "Flowers v2"),
                ResourceEntry(id: "ICN200", displayName: "roses"),
                ResourceEntry(id: "IOD300", displayName: "boxes"),
            ], fetchedAt: now)
        catalog.replace(
            .model,
            with: [
                ResourceEntry(id: "ICN900", displayName: "flowers_model"),
                ResourceEntry(id: "ICN901", displayName: "roses_model"),
            ], fetchedAt: now)
        catalog.replace(
            .operation,
            with: [
                ResourceEntry(id: "ICN5550", displayName: "createModel"),
                ResourceEntry(id: "ICN5551", displayName: "importData"),
            ], fetchedAt: now)
        return catalog
    }()

    static func engine(
        catalog: ResourceCatalog = catalog, fileSystem: CompletionFileSystem = .none,
        maxCandidates: Int = 200
    ) -> CompletionEngine {
        CompletionEngine(tree: tree, catalog: catalog, fileSystem: fileSystem, maxCandidates: maxCandidates)
    }
}

/// A root command mimicking the shell's: `use dataset ID`, `models --dataset ID`, `train …`, `set format F`,
/// `operation get|cancel OPERATION`, `predict FILE…`, `import SOURCE`, `export --to DIR`, `unset KEY`,
/// `config KEY VALUE`, `exit`.
struct TestRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl",
        subcommands: [
            Use.self, Models.self, Train.self, SetCommand.self, OperationCommand.self, Predict.self,
            Import.self, Export.self, Unset.self, Config.self, Exit.self, Secret.self,
        ])

    @Option var endpoint: String?

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "use", subcommands: [UseDataset.self, UseModel.self, UseProject.self, UseLocation.self])
    }

    struct UseDataset: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dataset")
        @Argument var dataset: String
    }

    struct UseModel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "model")
        @Argument var model: String
    }

    struct UseProject: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "project")
        @Argument var project: String
    }

    struct UseLocation: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "location")
        @Argument var location: String
    }

    struct Models: ParsableCommand {
        @Option var dataset: String?
    }

    struct Train: ParsableCommand {
        @Option var budget: Int?
        @Option var modelType: String?
        @Option var dataset: String?
        @Option var baseModel: String?
        @Option(name: [.short, .long]) var name: String?
        @Flag var deploy = false
        @Flag var dryRun = false
        @Option var tag: [String] = []
    }

    struct SetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", subcommands: [SetFormat.self])
    }

    struct SetFormat: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "format")
        @Argument var format: String
    }

    struct OperationCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "operation", subcommands: [OperationGet.self, OperationCancel.self])
    }

    struct OperationGet: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get")
        @Argument var operation: String?
    }

    struct OperationCancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel")
        @Argument var operation: String?
    }

    struct Predict: ParsableCommand {
        @Argument var file: [String] = []
        @Option var threshold: Double?
    }

    struct Import: ParsableCommand {
        @Argument var source: String
    }

    struct Export: ParsableCommand {
        @Option(name: .customLong("to"), help: ArgumentHelp(valueName: "dir")) var destination: String
        @Option var modelFormat: String?
    }

    /// `config KEY VALUE`, shaped like the shell's `set KEY VALUE`.
    struct Config: ParsableCommand {
        @Argument var key: String
        @Argument var value: String
    }

    enum Key: String, CaseIterable, ExpressibleByArgument {
        case dataset, model, operation
    }

    struct Unset: ParsableCommand {
        @Argument(help: ArgumentHelp(valueName: "key")) var key: Key
    }

    struct Exit: ParsableCommand {}

    struct Secret: ParsableCommand {
        static let configuration = CommandConfiguration(shouldDisplay: false)
        @Flag(help: .hidden) var hiddenFlag = false
    }
}
