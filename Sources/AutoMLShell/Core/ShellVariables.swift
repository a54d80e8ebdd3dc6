/// Variables that commands bind to the IDs of what they make, named after what a replay makes again the same way:
///
/// | made by | variable |
/// | --- | --- |
/// | `dataset create flowers` | `$dataset_flowers` |
/// | a training of model `flowers_v1` that the shell sees finish (`watch`, `train --deploy`) | `$model_flowers_v1` |
/// | an operation started on dataset or model `X` (`dataset import`, `train`, `model deploy`, …) | `$operation_KIND_X`, such as `$operation_createModel_flowers_v1` |
/// | `evaluations` of model `M` | `$evaluation_M_LABEL`, and `$evaluation_M_all` for the overall one |
///
/// A transcript writes the IDs of what it made as these variables, so that it replays against a backend where
/// the IDs differ. A later binding of the same name replaces the earlier one, as a shell assignment does. They
/// last for the run.
struct ShellVariables {
    /// One binding made by a command.
    struct Binding: Hashable {
        var name: String
        var id: String
    }

    private(set) var values: [String: String] = [:]
    /// What the running command bound, in order; taken by the runner after the command.
    private var pending: [Binding] = []

    /// Binds `name` to `id`.
    mutating func bind(_ name: String, to id: String) {
        values[name] = id
        pending.append(Binding(name: name, id: id))
    }

    /// The bindings made since the last call.
    mutating func takePending() -> [Binding] {
        defer { pending = [] }
        return pending
    }

    /// `dataset_flowers`: a prefix and parts, each with characters other than ASCII letters, digits and `_`
    /// replaced by `_` (AutoML display names hold only those; labels may hold more).
    static func name(_ prefix: String, _ parts: String...) -> String {
        ([prefix] + parts).map { part in
            String(
                part.unicodeScalars.map { scalar in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
                        ? Character(scalar) : "_"
                })
        }.joined(separator: "_")
    }

    /// Whether a variable name is one that commands bind (`dataset_…`, `model_…`, `operation_…`, `evaluation_…`).
    static func isBindable(_ name: String) -> Bool {
        ["dataset_", "model_", "operation_", "evaluation_"].contains { name.hasPrefix($0) && name.count > $0.count }
    }
}
