import Testing

@testable import AutoMLShell

@Suite("Completion: commands, subcommands and flags")
struct CompletionEngineCommandTests {
    let engine = TestCommands.engine()

    @Test func firstWordOffersTheVisibleCommandsAndHelp() {
        let result = engine.complete("⌖")
        #expect(
            result.insertions == [
                "config", "exit", "export", "help", "import", "models", "operation", "predict", "set", "train", "unset",
                "use",
            ])
        #expect(result.range == 0..<0)
    }

    @Test func aPrefixNarrowsTheCommands() {
        let result = engine.complete("us⌖")
        #expect(result.insertions == ["use"])
        #expect(result.range == 0..<2)
        #expect(result.candidates.first?.appendsSpace == true)
        #expect(engine.complete("ex⌖").insertions == ["exit", "export"])
        #expect(engine.complete("ex⌖").commonPrefix == "ex")
        #expect(engine.complete("  he⌖").range == 2..<4)
    }

    @Test func subcommandsFollowTheirCommand() {
        #expect(engine.complete("use ⌖").insertions == ["dataset", "location", "model", "project"])
        #expect(engine.complete("use d⌖").insertions == ["dataset"])
        #expect(engine.complete("operation c⌖").insertions == ["cancel"])
        #expect(engine.complete("set ⌖").insertions == ["format"])
    }

    @Test func unknownCommandsAndHiddenOnesOfferNothing() {
        #expect(engine.complete("frobnicate ⌖").candidates.isEmpty)
        #expect(engine.complete("se⌖").insertions == ["set"])
        #expect(engine.complete("secret --⌖").insertions == ["--help"])
    }

    @Test func flagsAreOfferedOnceADashIsTyped() {
        #expect(engine.complete("train ⌖").candidates.isEmpty)
        let result = engine.complete("train --b⌖")
        #expect(result.insertions == ["--base-model", "--budget"])
        #expect(result.range == 6..<9)
        #expect(engine.complete("train --d⌖").insertions == ["--dataset", "--deploy", "--dry-run"])
        #expect(engine.complete("train -⌖").insertions.contains("-n"))
        #expect(engine.complete("train -⌖").insertions.contains("--name"))
    }

    @Test func flagsAlreadyGivenAreNotOfferedAgainUnlessTheyRepeat() {
        let result = engine.complete("train --budget 24 --deploy -n x --tag a --⌖")
        #expect(!result.insertions.contains("--budget"))
        #expect(!result.insertions.contains("--deploy"))
        #expect(!result.insertions.contains("--name"))
        #expect(result.insertions.contains("--tag"))
        #expect(result.insertions.contains("--dry-run"))
    }

    @Test func optionValuesComeFromTheirValueKind() {
        let types = engine.complete("train --model-type mobile-core⌖")
        #expect(
            types.insertions == [
                "mobile-core-ml-high-accuracy-1", "mobile-core-ml-low-latency-1", "mobile-core-ml-versatile-1",
            ])
        #expect(engine.complete("train --model-type ⌖").insertions == ValueCompletion.modelTypes)
        #expect(engine.complete("train --budget ⌖").candidates.isEmpty)
        // A value already given: the next word is a flag or nothing.
        #expect(engine.complete("train --model-type cloud ⌖").candidates.isEmpty)
    }

    @Test func inlineOptionValuesReplaceOnlyTheValue() {
        let result = engine.complete("train --model-type=cloud-h⌖")
        #expect(result.insertions == ["cloud-high-accuracy-1"])
        #expect(result.range == 19..<26)
        let empty = engine.complete("train --model-type=⌖")
        #expect(empty.range == 19..<19)
        #expect(empty.insertions == ValueCompletion.modelTypes)
        #expect(engine.complete("train --budget=1 --⌖").insertions.contains("--budget") == false)
    }

    @Test func formatsListTheValueFormWithoutASpace() {
        let result = engine.complete("set format ⌖")
        #expect(result.insertions == ["json", "table", "value(", "yaml"])
        #expect(result.candidates.map(\.appendsSpace) == [true, true, false, true])
        #expect(engine.complete("set format v⌖").candidates == [CompletionCandidate("value(", appendsSpace: false)])
    }

    @Test func enumArgumentsCompleteTheirValues() {
        #expect(engine.complete("unset ⌖").insertions == ["dataset", "model", "operation"])
        #expect(engine.complete("unset m⌖").insertions == ["model"])
    }

    @Test func overridesCompleteValuesThatDependOnEarlierWords() {
        var tree = TestCommands.tree
        tree.valueOverrides = [
            ["config"]: .words(["format", "on-error"]),
            ["config", "format"]: .words(OutputFormat.completions),
            ["config", "on-error"]: .words(["continue", "stop"]),
        ]
        let engine = CompletionEngine(tree: tree)
        #expect(engine.complete("config ⌖").insertions == ["format", "on-error"])
        #expect(engine.complete("config format y⌖").insertions == ["yaml"])
        #expect(engine.complete("config on-error ⌖").insertions == ["continue", "stop"])
        #expect(engine.complete("config other ⌖").candidates.isEmpty)
        #expect(TestCommands.engine().complete("config format ⌖").candidates.isEmpty)
    }

    @Test func helpCompletesCommandWords() {
        #expect(engine.complete("help ⌖").insertions.contains("train"))
        #expect(engine.complete("help op⌖").insertions == ["operation"])
        #expect(engine.complete("help operation ⌖").insertions == ["cancel", "get"])
        #expect(engine.complete("help operation get ⌖").candidates.isEmpty)
        #expect(engine.complete("he⌖").insertions == ["help"])
    }

    @Test func aSemicolonStartsANewCommand() {
        #expect(engine.complete("models; us⌖").insertions == ["use"])
        #expect(engine.complete("models;⌖").insertions.contains("train"))
        #expect(engine.complete("use dataset x; use m⌖").insertions == ["model"])
        // A quoted `;` does not separate.
        #expect(engine.complete("train --name 'a;b' --dr⌖").insertions == ["--dry-run"])
    }

    @Test func onlyTheTextBeforeTheCursorIsThePrefix() {
        let result = engine.complete("use da⌖taset ICN1")
        #expect(result.insertions == ["dataset"])
        #expect(result.range == 4..<6)
        let atStart = engine.complete("⌖use dataset")
        #expect(atStart.range == 0..<0)
        #expect(atStart.insertions.contains("use"))
        #expect(engine.complete("train --b⌖ --deploy").insertions == ["--base-model", "--budget"])
        #expect(engine.complete("models; use ⌖; train").insertions == ["dataset", "location", "model", "project"])
    }

    @Test func nothingInsideAComment() {
        #expect(engine.complete("# use ⌖").candidates.isEmpty)
    }

    @Test func afterTheTerminatorWordsArePositionals() {
        #expect(engine.complete("predict -- --⌖").candidates.isEmpty)
    }

    @Test func theCursorIsClampedToTheLine() {
        let result = engine.complete(line: "us", cursorUTF8Offset: 99)
        #expect(result.insertions == ["use"])
        #expect(result.range == 0..<2)
        #expect(engine.complete(line: "us", cursorUTF8Offset: -3).range == 0..<0)
    }
}
