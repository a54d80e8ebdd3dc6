/// The examples made by merging import rows, and the rows that could not be merged.
struct ImportMergeResult: Sendable, Hashable {
    /// One example per distinct image, in the order the images were first seen.
    var examples: [ImportedExample]
    /// Rows refused while merging (a second label for a MULTICLASS image, the 501st box of an image).
    var errors: [ImportRowError]
}

/// Merges import rows by image (reference 6.6: duplicates are merged, labels and boxes appended).
///
/// Images are the same when their identities are equal; the identity defaults to the path as written, and callers that
/// know the images' content hashes can pass those so that the same image under two paths is merged too. When rows of
/// one image disagree on `ML_USE` (the service resolves that nondeterministically), the first explicit split wins over
/// `UNASSIGNED`, and otherwise the first row wins.
enum ExampleMerger {
    /// The most boxes one image may have (reference 6.6).
    static let maxBoxesPerImage = 500

    /// Merges classification rows: labels of the same image are appended, without duplicates.
    ///
    /// For a MULTICLASS dataset (`multiLabel` false), a row giving an image a second, different label is refused.
    static func mergeClassification(
        _ rows: [ImportRow],
        multiLabel: Bool,
        identity: (ImportRow) -> String = { $0.path }
    ) -> ImportMergeResult {
        var merger = Accumulator()
        for row in rows {
            let index = merger.index(for: row, identity: identity(row))
            let existing = merger.examples[index].labels
            let added = row.labels.filter { !existing.contains($0) }
            if !multiLabel, let current = existing.first, !added.isEmpty {
                merger.errors.append(
                    ImportRowError(
                        csvURI: row.csvURI, rowNumber: row.rowNumber,
                        detail: "image \(row.path) already has label \"\(current)\"; a MULTICLASS dataset allows one"
                            + " label per image, so \"\(added[0])\" is not added"
                    )
                )
                continue
            }
            merger.mergeSplit(row, into: index)
            merger.examples[index].labels += added
        }
        return ImportMergeResult(examples: merger.examples, errors: merger.errors)
    }

    /// Merges object detection rows: the boxes of the same image are appended; a box identical to one the image
    /// already has is dropped. The box that would be the image's 501st is refused.
    static func mergeDetection(
        _ rows: [ImportRow],
        identity: (ImportRow) -> String = { $0.path }
    ) -> ImportMergeResult {
        var merger = Accumulator()
        for row in rows {
            let index = merger.index(for: row, identity: identity(row))
            if let box = row.box, !merger.examples[index].boxes.contains(box) {
                guard merger.examples[index].boxes.count < maxBoxesPerImage else {
                    merger.errors.append(
                        ImportRowError(
                            csvURI: row.csvURI, rowNumber: row.rowNumber,
                            detail: "image \(row.path) has more than \(maxBoxesPerImage) bounding boxes"
                        )
                    )
                    continue
                }
                merger.examples[index].boxes.append(box)
            }
            merger.mergeSplit(row, into: index)
        }
        return ImportMergeResult(examples: merger.examples, errors: merger.errors)
    }

    /// The examples built so far, indexed by image identity.
    private struct Accumulator {
        var examples: [ImportedExample] = []
        var errors: [ImportRowError] = []
        var indexByIdentity: [String: Int] = [:]

        /// The index of the row's image, adding an example for it if it is new (with no labels or boxes yet).
        mutating func index(for row: ImportRow, identity: String) -> Int {
            if let index = indexByIdentity[identity] { return index }
            examples.append(ImportedExample(path: row.path, mlUse: row.mlUse))
            indexByIdentity[identity] = examples.count - 1
            return examples.count - 1
        }

        mutating func mergeSplit(_ row: ImportRow, into index: Int) {
            if examples[index].mlUse == .unassigned { examples[index].mlUse = row.mlUse }
        }
    }
}
