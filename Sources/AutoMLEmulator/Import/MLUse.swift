/// Which split an imported image belongs to: the `ML_USE` column of an import CSV.
enum MLUse: String, Sendable, Hashable, CaseIterable {
    case train = "TRAIN"
    case validation = "VALIDATION"
    case test = "TEST"
    /// Not chosen by the user; ``UnassignedSplit`` assigns one of the other three.
    case unassigned = "UNASSIGNED"

    /// Reads an `ML_USE` field, case-insensitively, accepting the spellings seen across the docs (reference 6.6):
    /// `TRAIN`/`TRAINING`, `VALIDATION`/`VALIDATE`, `TEST`, `UNASSIGNED`. Returns nil for anything else.
    init?(csvValue: some StringProtocol) {
        switch csvValue.uppercased() {
        case "TRAIN", "TRAINING": self = .train
        case "VALIDATION", "VALIDATE": self = .validation
        case "TEST": self = .test
        case "UNASSIGNED": self = .unassigned
        default: return nil
        }
    }
}

extension MLUse: CustomStringConvertible {
    /// The normalized spelling written to export CSVs: `TRAIN`, `VALIDATION`, `TEST` or `UNASSIGNED`.
    var description: String { rawValue }
}
