import AutoMLClient

/// Where the value of an argument is completed from.
package enum ValueCompletion: Sendable, Hashable {
    /// Nothing to offer (a budget, a name).
    case none
    /// IDs (and display names) from the resource cache.
    case resource(ResourceKind)
    /// A fixed list of words. A word ending in `(`, such as `value(`, gets no space after it.
    case words([String])
    /// Paths in the file system; only files with one of these extensions (any when empty), and every folder.
    case files(extensions: [String])
    /// Folders only.
    case directories
    /// `gs://` URIs the shell has used, a folder at a time; with `localFiles`, also local paths (files with one of
    /// those extensions, any when empty, and every folder) for a word that does not start `gs:`.
    case storage(localFiles: [String]?)

    /// What a value named `valueName` completes from, the first that applies:
    /// - a resource kind by name: `dataset`, `model`, `operation`, `evaluation`, `project`, `location`, a name
    ///   ending in `-dataset`, `-model`… (`base-model`), and `works-on` (a model);
    /// - model types for `model-type`; export formats for `model-format`; output formats for `format`; `local` and
    ///   `cloud` for `endpoint`;
    /// - paths for `file`, `path`, `*-file`, `*-path`; folders for `dir`,
    ///   `directory`, `*-dir`; `gs://` URIs for `csv`, `uri`, `destination` and `output`, and for `source` local CSVs
    ///   and folders too;
    /// - otherwise `allValues`, then ArgumentParser's completion kind (a list, files, a directory).
    static func inferred(valueName: String?, allValues: [String]?, completionKind: DumpedCompletionKind?)
        -> ValueCompletion
    {
        if let valueName, let kind = byValueName(valueName) { return kind }
        if let allValues, !allValues.isEmpty { return .words(allValues) }
        switch completionKind {
        case .list(let values): return .words(values)
        case .file(let extensions): return .files(extensions: extensions)
        case .directory: return .directories
        case .other, nil: return .none
        }
    }

    private static func byValueName(_ name: String) -> ValueCompletion? {
        switch name {
        case "model-type": return .words(modelTypes)
        case "format": return .words(OutputFormat.completions)
        case "model-format", "export-format": return .words(exportFormats)
        case "file", "path", "files", "paths": return .files(extensions: [])
        case "source": return .storage(localFiles: ["csv"])
        case "csv", "uri", "destination", "output": return .storage(localFiles: nil)
        case "dir", "directory", "download": return .directories
        case "endpoint": return .words(endpoints)
        case "base-model", "works-on": return .resource(.model)
        default: break
        }
        for kind in ResourceKind.allCases where name == kind.rawValue || name.hasSuffix("-" + kind.rawValue) {
            return .resource(kind)
        }
        if name.hasSuffix("-file") || name.hasSuffix("-path") { return .files(extensions: []) }
        if name.hasSuffix("-dir") { return .directories }
        return nil
    }

    /// The named endpoints `use endpoint` and `--endpoint` take besides a URL.
    static let endpoints = ["cloud", "local", "vertex", "vertex:local"]

    /// Every export format of the image model types, once each, sorted.
    static let exportFormats: [String] = Array(
        Set(
            (ImageModelType.classification + ImageModelType.detection)
                .flatMap(\.exportFormats))
    ).sorted()

    /// Every image model type, classification and detection, once each, sorted.
    static let modelTypes: [String] = Array(Set((ImageModelType.classification + ImageModelType.detection).map(\.name)))
        .sorted()
}
