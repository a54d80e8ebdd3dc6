/// A `$` reference that cannot be expanded: an unknown variable, a context value that is not set, or a `$last`
/// path that leads nowhere. The message names the reference as written and says what to do.
package struct VariableExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct rather than a closed enum so that new codes are not a breaking change.
    package struct Code: Sendable, Hashable {
        private enum Value: Sendable, Hashable {
            case unknownVariable, notSet, noSuchValue, notAValue, malformed
        }

        private let value: Value

        /// No variable has this name (`$foo`).
        package static let unknownVariable = Code(value: .unknownVariable)
        /// The variable exists but has no value yet (`$dataset` before `use dataset`, `$last` before any result).
        package static let notSet = Code(value: .notSet)
        /// A `$last` path names a member or element the last result does not have.
        package static let noSuchValue = Code(value: .noSuchValue)
        /// A `$last` path leads to an object, an array or null, which is not one word.
        package static let notAValue = Code(value: .notAValue)
        /// A reference that does not parse, such as `${dataset` or `${last.[x]}`.
        package static let malformed = Code(value: .malformed)
    }

    package var code: Code
    /// The reference as written, such as `$last.model[3].name` or `${dataset}`.
    package var reference: String
    /// One line for the user, starting with the reference.
    package var message: String

    package init(code: Code, reference: String, message: String) {
        self.code = code
        self.reference = reference
        self.message = message
    }

    package var description: String { message }
}
