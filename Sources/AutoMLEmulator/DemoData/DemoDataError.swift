/// Why ``DemoDataGenerator`` could not write a demo dataset: a bad option, a bad destination, or a failed write.
package struct DemoDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in words.
    package var message: String

    init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
