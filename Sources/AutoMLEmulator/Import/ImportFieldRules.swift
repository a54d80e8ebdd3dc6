/// Checks shared by both import CSV grammars: labels and image paths.
enum ImportFieldRules {
    /// The longest label (reference 6.6).
    static let maxLabelLength = 32

    /// What is wrong with a label, or nil when it is 1–32 ASCII letters, digits and underscores.
    static func labelProblem(_ label: String) -> String? {
        let isValidCharacter: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        if label.utf8.count > maxLabelLength {
            return "label \"\(label)\" is longer than \(maxLabelLength) characters"
        }
        guard !label.isEmpty, label.utf8.allSatisfy(isValidCharacter) else {
            return "label \"\(label)\" is invalid: use only ASCII letters, digits and underscores"
        }
        return nil
    }

    /// What is wrong with an image path, or nil when it is a valid `gs://BUCKET/OBJECT` URI or, when allowed, an
    /// absolute local path or `file://` URL. Only the text is checked; ``GCSPathMapper`` resolves it later.
    static func pathProblem(_ path: String, allowsLocalPaths: Bool) -> String? {
        if path.isEmpty { return "the image path is empty" }
        if allowsLocalPaths, path.hasPrefix("/") || path.lowercased().hasPrefix("file://") {
            if path.utf8.count > GCSURI.maxLength { return "the image path is longer than 2000 characters" }
            if path.utf8.contains(0) { return "the image path contains a NUL byte" }
            return nil
        }
        do {
            _ = try GCSURI(parsing: path)
            return nil
        } catch let error as GCSPathError {
            return error.message
        } catch {
            return "invalid image path \"\(path)\""
        }
    }

    /// Whether a field looks like an image path rather than an `ML_USE` value.
    static func looksLikePath(_ field: String) -> Bool {
        field.contains("/") || field.lowercased().hasPrefix("gs:") || field.lowercased().hasPrefix("file:")
    }

    /// The list of `ML_USE` values, for messages.
    static let mlUseValues = "TRAIN, VALIDATION, TEST or UNASSIGNED"
}
