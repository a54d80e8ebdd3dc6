import AutoMLWire

/// The field rules the service checks (reference 6.9), each failing with INVALID_ARGUMENT.
enum Validation {
    /// Dataset and model display names: required, at most 32 ASCII letters, digits and underscores.
    static func displayName(_ name: String, of kind: String, mustStartWithLetter: Bool = false) throws {
        guard !name.isEmpty else {
            throw ServiceError.invalidArgument("\(kind).displayName is required.")
        }
        guard name.count <= 32, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ServiceError.invalidArgument(
                "\(kind).displayName \"\(name)\" must be at most 32 ASCII letters, "
                    + "digits and underscores.")
        }
        if mustStartWithLetter, let first = name.first, !first.isLetter {
            throw ServiceError.invalidArgument("\(kind).displayName \"\(name)\" must start with a letter.")
        }
    }

    /// Resource labels: keys and values at most 64 lowercase letters, digits, `_` and `-`; keys start with a letter.
    static func labels(_ labels: [String: String], of kind: String) throws {
        for (key, value) in labels {
            guard let first = key.first, first.isLowercase, isLabelText(key), key.count <= 64 else {
                throw ServiceError.invalidArgument(
                    "\(kind).labels key \"\(key)\" must start with a lowercase letter "
                        + "and hold at most 64 lowercase letters, digits, '_' and '-'.")
            }
            guard value.count <= 64, isLabelText(value) else {
                throw ServiceError.invalidArgument(
                    "\(kind).labels value \"\(value)\" must hold at most 64 lowercase "
                        + "letters, digits, '_' and '-'.")
            }
        }
    }

    static func description(_ text: String, of kind: String) throws {
        guard text.count <= 25_000 else {
            throw ServiceError.invalidArgument("\(kind).description is longer than 25,000 characters.")
        }
    }

    private static func isLabelText(_ text: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
