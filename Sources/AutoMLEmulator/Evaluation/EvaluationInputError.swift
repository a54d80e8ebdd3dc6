/// Predictions an evaluator cannot score: a score vector of the wrong length, a label index outside the label
/// list, or a score that is not a finite number. A trainer that gets one has a bug; it can end training with a
/// ``TrainingFailure`` carrying ``message``.
package struct EvaluationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
