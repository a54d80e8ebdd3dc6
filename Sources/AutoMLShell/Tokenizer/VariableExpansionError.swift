/// A `$` reference that cannot be expanded: an unknown variable, a context value that is not set, or a `$last`
/// path that leads nowhere. The message names the reference as written and says what to do.
public struct VariableExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct rather than a closed enum so that new codes are not a breaking change.
    public struct Code: Sendable, Hashable {
        private enum Value: Sendable, Hashable {
            case unknownVariable, notSet, noSuchValue, notAValue, malformed
        }

        private let value: Value

        /// No variable has this name (`$foo`).
        public static let unknownVariable = Code(value: .unknownVariable)
        /// The variable exists but has no value yet (`$dataset` before `use dataset`, `$last` before any result).
        public static let notSet = Code(value: .notSet)
        /// A `$last` path names a member or element the last result does not have.
        public static let noSuchValue = Code(value: .noSuchValue)
        /// A `$last` path leads to an object, an array or null, which is not one word.
        public static let notAValue = Code(value: .notAValue)
        /// A reference that does not parse, such as `${dataset` or `${last.[x]}`.
        public static let malformed = Code(value: .malformed)
    }

    public var code: Code
    /// The reference as written, such as `$last.model[3].name` or `${dataset}`.
    public var reference: String
    /// One line for the user, starting with the reference.
    public var message: String

    public init(code: Code, reference: String, message: String) {
        self.code = code
        self.reference = reference
        self.message = message
    }

    public var description: String { message }
}
