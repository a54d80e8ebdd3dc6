/// Runs `body` with a `LibEditLineReader` and closes it when `body` returns or throws, so libedit is
/// ended and the terminal restored on every path. The parameters are `LibEditLineReader.init`'s.
package func withLibEditLineReader<Result>(
    input: Int32 = 0, output: Int32 = 1, error: Int32 = 2,
    promptProvider: (() -> String)? = nil,
    completer: Completer? = nil,
    historyPath: String? = nil,
    historyCapacity: Int = 1_000,
    mayRemember: @escaping @Sendable (String) -> Bool = { _ in true },
    terminalType: String? = nil,
    handlesSignals: Bool = true,
    report: @escaping @Sendable (String) -> Void = { _ in },
    _ body: (LibEditLineReader) throws -> Result
) throws -> Result {
    let reader = try LibEditLineReader(
        input: input, output: output, error: error, promptProvider: promptProvider, completer: completer,
        historyPath: historyPath, historyCapacity: historyCapacity, mayRemember: mayRemember,
        terminalType: terminalType, handlesSignals: handlesSignals, report: report)
    defer { reader.close() }
    return try body(reader)
}
