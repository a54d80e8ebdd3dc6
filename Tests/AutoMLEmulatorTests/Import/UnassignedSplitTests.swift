import Testing

@testable import AutoMLEmulator

@Suite("UnassignedSplit")
struct UnassignedSplitTests {
    @Test("deterministic: fixed values that must never change between versions")
    func stable() {
        #expect(UnassignedSplit.stableHash("") == UnassignedSplit.stableHash(""))
        let paths = (0..<20).map { "gs://bucket/images/\($0).jpg" }
        let first = paths.map(UnassignedSplit.split(forPath:))
        let second = paths.map(UnassignedSplit.split(forPath:))
        #expect(first == second)
        #expect(!first.contains(.unassigned))
        // Pinned so that a change of hash (which would move images between splits on re-import) fails loudly.
        // The values were computed independently (Python) from the documented algorithm.
        #expect(UnassignedSplit.stableHash("gs://bucket/a.jpg") == 7_122_787_205_500_769_080)
        #expect(UnassignedSplit.split(forPath: "gs://bucket/a.jpg") == .validation)  // hash % 100 == 80
        #expect(UnassignedSplit.split(forPath: "gs://bucket/images/0.jpg") == .validation)  // 89
        #expect(UnassignedSplit.split(forPath: "gs://bucket/images/1.jpg") == .train)  // 7
    }

    @Test("about 80 / 10 / 10 over many paths")
    func proportions() {
        var counts: [MLUse: Int] = [:]
        for index in 0..<20_000 {
            counts[UnassignedSplit.split(forPath: "gs://bucket/dir/img_\(index).jpg"), default: 0] += 1
        }
        #expect((15_600...16_400).contains(counts[.train, default: 0]))
        #expect((1_800...2_200).contains(counts[.validation, default: 0]))
        #expect((1_800...2_200).contains(counts[.test, default: 0]))
    }

    @Test("explicit splits are kept; UNASSIGNED examples are resolved")
    func resolve() {
        #expect(UnassignedSplit.resolve(.test, path: "gs://bucket/a.jpg") == .test)
        let example = ImportedExample(path: "gs://bucket/a.jpg", mlUse: .unassigned, labels: ["cat"])
        let resolved = example.resolvingUnassignedSplit()
        #expect(resolved.mlUse == UnassignedSplit.split(forPath: "gs://bucket/a.jpg"))
        #expect(resolved.labels == ["cat"])
    }
}
