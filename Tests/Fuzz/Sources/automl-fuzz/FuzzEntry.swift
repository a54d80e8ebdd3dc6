import Foundation

/// The libFuzzer entry: one binary for every target, the target named by `AUTOML_FUZZ_TARGET` (Tests/Fuzz/run.sh
/// sets it). Each target checks properties of what it parses and traps when one fails, which libFuzzer reports
/// as a crash with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzTarget.selected {
    case .tokenizer: TokenizerTarget.run(bytes)
    case .expander: ExpanderTarget.run(bytes)
    case .json: JSONTarget.run(bytes)
    case .proto: ProtoTarget.run(bytes)
    case .csv: CSVTarget.run(bytes)
    case .filter: FilterTarget.run(bytes)
    case .router: RouterTarget.run(bytes)
    }
    return 0
}

/// The targets, by the name `AUTOML_FUZZ_TARGET` gives.
enum FuzzTarget: String, CaseIterable {
    case tokenizer, expander, json, proto, csv, filter, router

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["AUTOML_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            fatalError("set AUTOML_FUZZ_TARGET to one of \(names) (it is \"\(name)\")")
        }
        return target
    }()
}

/// Stops the run with the property that failed; libFuzzer saves the input.
func require(_ condition: Bool, _ property: @autoclosure () -> String) {
    if !condition { fatalError("property failed: \(property())") }
}
