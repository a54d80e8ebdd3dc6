@testable import AutoMLEmulator

/// A resource for filter tests: whatever field values a test gives it.
struct FilterTestSubject: FilterSubject {
    var values: [CanonicalField: FilterValue] = [:]

    init(_ values: [CanonicalField: FilterValue] = [:]) {
        self.values = values
    }

    func filterValue(for field: CanonicalField) -> FilterValue? { values[field] }
}

/// An operation as the emulator's operations list would present it.
func operation(id: String, done: Bool?, worksOn: String) -> FilterTestSubject {
    var values: [CanonicalField: FilterValue] = [.operationID: .string(id), .worksOn: .string(worksOn)]
    if let done { values[.done] = .bool(done) }
    return FilterTestSubject(values)
}
