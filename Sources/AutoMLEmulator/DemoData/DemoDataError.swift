/// Why ``DemoDataGenerator`` could not write a demo dataset: a bad option, a bad destination, or a failed write.
public struct DemoDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in words.
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
