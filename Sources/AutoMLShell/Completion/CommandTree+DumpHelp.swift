package import ArgumentParser
package import Foundation

extension CommandTree {
    /// The tree of `root`'s commands, from the JSON ArgumentParser writes for `--experimental-dump-help`,
    /// produced in-process: `parseAsRoot` reports the request as an error whose `fullMessage` is the JSON.
    package init(root: any ParsableCommand.Type) throws {
        try self.init(dumpHelpJSON: try DumpedToolInfo.json(of: root))
    }

    /// The tree described by `--experimental-dump-help` JSON (ArgumentParser's ToolInfo, serialization version 0).
    package init(dumpHelpJSON: Data) throws {
        let info: DumpedToolInfo
        do {
            info = try JSONDecoder().decode(DumpedToolInfo.self, from: dumpHelpJSON)
        } catch {
            throw DumpHelpError(message: "the command description cannot be read: \(error)")
        }
        self.init(root: CommandNode(info.command))
    }
}

/// The command description could not be produced or read.
package struct DumpHelpError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

extension CommandNode {
    init(_ command: DumpedCommand) {
        self.init(
            name: command.commandName, aliases: command.aliases ?? [], isHidden: command.shouldDisplay == false,
            subcommands: (command.subcommands ?? []).map(CommandNode.init),
            arguments: (command.arguments ?? []).map(ArgumentSpec.init))
    }
}

extension ArgumentSpec {
    init(_ argument: DumpedArgument) {
        let kind = Kind(rawValue: argument.kind) ?? .flag
        let names = (argument.names ?? []).map { $0.kind == "long" ? "--" + $0.name : "-" + $0.name }
        // The preferred name first, then the rest in their order: `--budget` before `-b`.
        let preferred = argument.preferredName.map { $0.kind == "long" ? "--" + $0.name : "-" + $0.name }
        let ordered = preferred.map { first in [first] + names.filter { $0 != first } } ?? names
        self.init(
            kind: kind, names: ordered, valueName: argument.valueName, isRepeating: argument.isRepeating ?? false,
            isHidden: argument.shouldDisplay == false,
            completion: kind == .flag
                ? .none
                : ValueCompletion.inferred(
                    valueName: argument.valueName, allValues: argument.allValues,
                    completionKind: argument.completionKind))
    }
}

// The subset of ArgumentParserToolInfo's types completion needs (that module is not a public product).

struct DumpedToolInfo: Decodable {
    var command: DumpedCommand

    /// The JSON of `root` with `--experimental-dump-help`, made in-process: `parseAsRoot` reports the request as an
    /// error whose `fullMessage` is the JSON.
    static func json(of root: any ParsableCommand.Type) throws -> Data {
        do {
            _ = try root.parseAsRoot(["--experimental-dump-help"])
        } catch {
            return Data(root.fullMessage(for: error).utf8)
        }
        throw DumpHelpError(message: "\(root) did not answer --experimental-dump-help")
    }
}

struct DumpedCommand: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var aliases: [String]?
    var shouldDisplay: Bool?
    var subcommands: [DumpedCommand]?
    var arguments: [DumpedArgument]?
}

struct DumpedArgument: Decodable {
    struct Name: Decodable {
        /// `long`, `short` or `longWithSingleDash`.
        var kind: String
        var name: String
    }

    /// `positional`, `option` or `flag`.
    var kind: String
    var names: [Name]?
    var preferredName: Name?
    var valueName: String?
    var isRepeating: Bool?
    var shouldDisplay: Bool?
    var abstract: String?
    var defaultValue: String?
    var allValues: [String]?
    var completionKind: DumpedCompletionKind?
}

/// ArgumentParser's `CompletionKind` as its synthesized Codable writes it: `{"list": {"values": [...]}}`,
/// `{"file": {"extensions": [...]}}`, `{"directory": {}}`, and others we do not complete from.
enum DumpedCompletionKind: Decodable, Hashable {
    case list([String])
    case file([String])
    case directory
    case other

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Values: Decodable {
        var values: [String]?
        var extensions: [String]?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            self = .other
            return
        }
        let payload = try? container.decode(Values.self, forKey: key)
        switch key.stringValue {
        case "list": self = .list(payload?.values ?? [])
        case "file": self = .file(payload?.extensions ?? [])
        case "directory": self = .directory
        default: self = .other
        }
    }
}
