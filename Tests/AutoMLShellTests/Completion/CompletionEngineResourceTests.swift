import Foundation
import Synchronization
import Testing

@testable import AutoMLShell

@Suite("Completion: resource IDs and display names")
struct CompletionEngineResourceTests {
    let engine = TestCommands.engine()

    @Test func anEmptyWordListsEveryIDWithItsDisplayName() {
        let result = engine.complete("use dataset ⌖")
        #expect(result.insertions == ["ICN111", "ICN112", "ICN200", "IOD300"])
        #expect(
            result.displays == [
                "ICN111  flowers", "ICN112  Flowers v2", "ICN200  roses", "IOD300  boxes",
            ])
        #expect(result.range == 12..<12)
    }

    @Test func anIDPrefixIsCaseSensitive() {
        let result = engine.complete("use dataset ICN1⌖")
        #expect(result.insertions == ["ICN111", "ICN112"])
        #expect(result.commonPrefix == "ICN11")
        #expect(result.range == 12..<16)
        #expect(engine.complete("use dataset icn1⌖").candidates.isEmpty)
    }

    @Test func anAmbiguousDisplayNamePrefixListsTheCandidatesIgnoringCase() {
        let result = engine.complete("use dataset FLO⌖")
        #expect(result.insertions == ["ICN111", "ICN112"])
        #expect(result.displays == ["ICN111  flowers", "ICN112  Flowers v2"])
    }

    @Test func aUniqueDisplayNameMatchInsertsTheID() {
        let result = engine.complete("use dataset ros⌖")
        #expect(result.candidates == [CompletionCandidate("ICN200", display: "ICN200  roses")])
        #expect(result.range == 12..<15)
    }

    @Test func aDisplayNameWithASpaceCanBeTypedInQuotes() {
        let result = engine.complete("use dataset 'flowers v⌖")
        #expect(result.insertions == ["'ICN112'"])
        #expect(result.range == 12..<22)
        #expect(engine.complete(#"use dataset flowers\ v⌖"#).insertions == ["ICN112"])
    }

    @Test func anEntryMatchingByIDAndNameIsListedOnce() {
        var catalog = ResourceCatalog()
        catalog.replace(
            .model,
            with: [
                ResourceEntry(id: "m1", displayName: "m1 copy"),
                ResourceEntry(id: "a9", displayName: "M2"),
                ResourceEntry(id: "z0", displayName: "other"),
            ], fetchedAt: nil)
        let result = TestCommands.engine(catalog: catalog).complete("use model m⌖")
        #expect(result.insertions == ["a9", "m1"])
        #expect(result.displays == ["a9  M2", "m1  m1 copy"])
    }

    @Test func eachResourceKindUsesItsOwnEntries() {
        #expect(engine.complete("use model ⌖").insertions == ["ICN900", "ICN901"])
        #expect(engine.complete("models --dataset bo⌖").insertions == ["IOD300"])
        #expect(engine.complete("train --base-model ros⌖").insertions == ["ICN901"])
        #expect(engine.complete("operation cancel ICN555⌖").insertions == ["ICN5550", "ICN5551"])
        #expect(engine.complete("operation get imp⌖").displays == ["ICN5551  importData"])
    }

    @Test func resourcesWithoutDisplayNamesShowTheIDAlone() {
        var catalog = ResourceCatalog()
        catalog.replace(.location, with: [ResourceEntry(id: "eu"), ResourceEntry(id: "us-central1")], fetchedAt: nil)
        let result = TestCommands.engine(catalog: catalog).complete("use location ⌖")
        #expect(result.displays == ["eu", "us-central1"])
    }

    @Test func idsArePaddedToOneWidthInTheList() {
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: [
                ResourceEntry(id: "A1", displayName: "short"), ResourceEntry(id: "A1234", displayName: "long"),
            ], fetchedAt: nil)
        #expect(
            TestCommands.engine(catalog: catalog).complete("use dataset A⌖").displays == [
                "A1     short", "A1234  long",
            ])
    }

    @Test func manyMatchesAreCappedWithAnOverflowEntry() throws {
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: (0..<1000).map {
                ResourceEntry(id: "ICN" + String(100_000 + $0), displayName: "set \($0)")
            }, fetchedAt: nil)
        let result = TestCommands.engine(catalog: catalog, maxCandidates: 10).complete("use dataset ⌖")
        #expect(result.candidates.count == 11)
        let firstTen: [String] = (0..<10).map { (offset: Int) -> String in "ICN\(100_000 + offset)" }
        #expect(Array(result.insertions.prefix(10)) == firstTen)
        let overflow = try #require(result.candidates.last)
        #expect(overflow.isOverflow)
        #expect(overflow.display == "… 990 more")
        #expect(overflow.appendsSpace == false)
        #expect(result.omittedCount == 990)
        // The common prefix covers the hidden matches too: ICN100000…ICN100999 share `ICN100`.
        #expect(result.commonPrefix == "ICN100")
        #expect(result.candidates.dropLast().allSatisfy { !$0.isOverflow })
    }

    @Test func theOverflowPrefixNeverClaimsMoreThanTheHiddenMatchesShare() {
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: (0..<50).map { ResourceEntry(id: "AB\($0)") }
                + [ResourceEntry(id: "ZZ", displayName: "ab name")], fetchedAt: nil)
        let engine = TestCommands.engine(catalog: catalog, maxCandidates: 5)
        // The IDs alone share `AB`, but the hidden display-name match ZZ shares nothing with them.
        let result = engine.complete("use dataset AB⌖")
        #expect(result.omittedCount == 46)
        #expect(result.commonPrefix == "")
        #expect(engine.complete("use dataset AB1⌖").commonPrefix == "AB1")
    }

    @Test func onlyTheOverflowEntryCountsAsOverflow() {
        let overflow = CompletionCandidate.overflow(count: 1234, insertion: "IC")
        #expect(overflow.display == "… 1,234 more")
        #expect(overflow.isOverflow)
        let result = CompletionResult(replaceStart: 0, replaceEnd: 0, candidates: [.init("ICN1"), overflow])
        #expect(result.omittedCount == 1234)
        #expect(!CompletionCandidate("x", display: "… abc more", appendsSpace: false).isOverflow)
        #expect(!CompletionCandidate("x", display: "… 3 more").isOverflow)
        #expect(CompletionResult(replaceStart: 0, replaceEnd: 0, candidates: [.init("ICN1")]).omittedCount == 0)
    }

    @Test func lookupsAreReportedForBackgroundRefresh() {
        let seen = Mutex<[ResourceKind]>([])
        var engine = TestCommands.engine()
        engine.onResourceLookup = { kind in seen.withLock { $0.append(kind) } }
        _ = engine.complete("use model ⌖")
        _ = engine.complete("operation get ⌖")
        _ = engine.complete("use ⌖")
        #expect(seen.withLock { $0 } == [.model, .operation])
    }

    @Test func multiByteTextIsMatchedAndNeverCut() {
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: [
                ResourceEntry(id: "ICN1", displayName: "日本の花"),
                ResourceEntry(id: "ICN2", displayName: "日本の木"),
                ResourceEntry(id: "ICN3", displayName: "Größe"),
            ], fetchedAt: nil)
        let engine = TestCommands.engine(catalog: catalog)
        #expect(engine.complete("use dataset 日本⌖").insertions == ["ICN1", "ICN2"])
        #expect(engine.complete("use dataset GRÖ⌖").insertions == ["ICN3"])
        // A cursor inside a three-byte character moves back to its start: the prefix is `日`.
        let line = "use dataset 日本"
        let inside = engine.complete(line: line, cursorUTF8Offset: "use dataset 日".utf8.count + 1)
        #expect(inside.range == 12..<15)
        #expect(inside.insertions == ["ICN1", "ICN2"])
        #expect(UTF8Order.commonPrefix("日本1", "日本2") == "日本")
        #expect(UTF8Order.commonPrefix("é1", "è2") == "")
    }

    @Test func multiByteCandidatesKeepWholeCharactersInTheCommonPrefix() {
        var catalog = ResourceCatalog()
        catalog.replace(.dataset, with: [ResourceEntry(id: "é1"), ResourceEntry(id: "è2")], fetchedAt: nil)
        let result = TestCommands.engine(catalog: catalog).complete("use dataset ⌖")
        #expect(result.insertions == ["è2", "é1"])
        #expect(result.commonPrefix == "")
        catalog.replace(
            .dataset,
            with: (0..<300).map { ResourceEntry(id: "日\($0)") }
                + [ResourceEntry(id: "日本")], fetchedAt: nil)
        let capped = TestCommands.engine(catalog: catalog, maxCandidates: 3).complete("use dataset ⌖")
        #expect(capped.commonPrefix == "日")
        #expect(capped.candidates.last?.insertion == "日")
    }
}
