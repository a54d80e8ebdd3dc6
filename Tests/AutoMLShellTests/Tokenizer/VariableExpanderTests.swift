import AutoMLClient
import Testing

@testable import AutoMLShell

@Suite("VariableExpander")
struct VariableExpanderTests {
    let context = SessionContext(
        endpoint: "https://automl.googleapis.com", project: "my-project",
        location: "us-central1", dataset: "ICN111", model: "ICN222", operation: "ICN333")

    /// A last result like `train` gives: an operation whose response is a model.
    let last: JSONValue = .object([
        "name": .string("projects/my-project/locations/us-central1/operations/ICN333"),
        "done": .bool(true),
        "metadata": .object(["progressPercent": .integer(100), "createModelDetails": .object([:])]),
        "response": .object([
            "name": .string("projects/my-project/locations/us-central1/models/ICN999"),
            "displayName": .string("flowers v2"),
            "nodeQps": .number(2.5),
            "trainCost": .number(8000),
        ]),
        "model": .array([
            .object(["name": .string("projects/p/locations/l/models/ICN1")]),
            .object(["name": .string("projects/p/locations/l/models/ICN2")]),
        ]),
        "error": .null,
    ])

    private func expand(
        _ line: String, context: SessionContext? = nil,
        last: JSONValue? = nil
    ) throws -> [String] {
        let command = try #require(try ShellTokenizer.tokenize(line).first)
        return try VariableExpander(context: context ?? self.context, lastResult: last ?? self.last).expand(command)
    }

    private func failure(
        _ line: String, context: SessionContext? = nil,
        noLast: Bool = false
    ) -> VariableExpansionError? {
        do {
            let command = try ShellTokenizer.tokenize(line)[0]
            _ = try VariableExpander(context: context ?? self.context, lastResult: noLast ? nil : last).expand(command)
            return nil
        } catch let error as VariableExpansionError {
            return error
        } catch {
            return nil
        }
    }

    @Test func contextVariables() throws {
        #expect(
            try expand("x $dataset $model $operation $project $location")
                == ["x", "ICN111", "ICN222", "ICN333", "my-project", "us-central1"])
    }

    @Test func bracesEndAName() throws {
        #expect(
            try expand("x ${dataset}_v2 $dataset.csv gs://b/${model}/")
                == ["x", "ICN111_v2", "ICN111.csv", "gs://b/ICN222/"])
    }

    @Test func doubleQuotedExpandsSingleQuotedDoesNot() throws {
        #expect(
            try expand(#"x "$dataset" '$dataset' \$dataset "\$dataset""#)
                == ["x", "ICN111", "$dataset", "$dataset", "$dataset"])
    }

    @Test func doubleDollarIsALiteralDollar() throws {
        #expect(try expand("x $$ $$dataset a$$b") == ["x", "$", "$dataset", "a$b"])
    }

    @Test func aDollarThatStartsNoNameIsLiteral() throws {
        #expect(try expand("x $ costs$5 a$-b") == ["x", "$", "costs$5", "a$-b"])
    }

    @Test func anExpandedValueStaysOneWord() throws {
        #expect(try expand("use model $last.response.displayName") == ["use", "model", "flowers v2"])
        let spaced = SessionContext(project: "p", dataset: "a b; c")
        #expect(try expand("x $dataset y", context: spaced) == ["x", "a b; c", "y"])
    }

    @Test func lastPaths() throws {
        #expect(try expand("x $last.name") == ["x", "projects/my-project/locations/us-central1/operations/ICN333"])
        #expect(
            try expand("x $last.response.name") == ["x", "projects/my-project/locations/us-central1/models/ICN999"])
        #expect(try expand("x $last.model[1].name") == ["x", "projects/p/locations/l/models/ICN2"])
        #expect(try expand("x $last.metadata.progressPercent $last.done") == ["x", "100", "true"])
        #expect(try expand("x $last.response.nodeQps $last.response.trainCost") == ["x", "2.5", "8000"])
    }

    @Test func idSuffixTakesTheLastSegmentOfAName() throws {
        #expect(try expand("watch $last.name:id") == ["watch", "ICN333"])
        #expect(try expand("use model $last.response.name:id") == ["use", "model", "ICN999"])
        #expect(try expand("x ${last.model[0].name:id}.csv") == ["x", "ICN1.csv"])
        #expect(try expand("x $last.model[0].name:id:x") == ["x", "ICN1:x"])
        #expect(
            try expand("x $last.name:idle")
                == ["x", "projects/my-project/locations/us-central1/operations/ICN333:idle"])
        #expect(try expand("x $dataset:id") == ["x", "ICN111"])
    }

    @Test func anUnbracedPathEndsWhereItCannotContinue() throws {
        #expect(try expand("x $last.response.name:id.json") == ["x", "ICN999.json"])
        #expect(try expand("x $last.done. $last.done[") == ["x", "true.", "true["])
    }

    @Test func localBackendProjectDefaultsToLocal() throws {
        #expect(try expand("x $project", context: SessionContext()) == ["x", SessionContext.localProject])
    }

    @Test func unsetContextValuesNameTheVariableAndTheFix() {
        let empty = SessionContext(endpoint: "https://automl.googleapis.com")
        #expect(failure("x $dataset", context: empty)?.message == "$dataset is not set: use dataset ID first")
        #expect(failure("x $model", context: empty)?.message == "$model is not set: use model ID first")
        #expect(
            failure("x ${operation}", context: empty)?.message
                == "$operation is not set: use operation ID first, or start one")
        #expect(
            failure("x $project", context: empty)?.message
                == "$project is not set: use project ID first, or pass --project")
        #expect(failure("x $dataset", context: empty)?.code == .notSet)
    }

    @Test func lastBeforeAnyResult() {
        let error = failure("x $last.name", noLast: true)
        #expect(error?.code == .notSet)
        #expect(error?.message == "$last is not set: no command has returned a result yet")
    }

    @Test func unknownVariable() {
        let error = failure("x gs://b/$file.csv")
        #expect(error?.code == .unknownVariable)
        #expect(error?.reference == "$file")
        #expect(
            error?.message
                == "unknown variable $file (variables: $dataset, $model, $operation, $project, $location, $last)")
    }

    @Test func missingFieldsAndIndexes() {
        #expect(
            failure("x $last.nmae")?.message
                == #"$last.nmae: $last has no field "nmae" (fields: name, done, error, metadata, model, response)"#)
        #expect(
            failure("x $last.response.id")?.message
                == #"$last.response.id: $last.response has no field "id" (fields: name, displayName, nodeQps, trainCost)"#
        )
        #expect(failure("x $last.model[2].name")?.message == "$last.model[2].name: $last.model has 2 items")
        #expect(failure("x $last.name.id")?.message == "$last.name.id: $last.name is a string, not an object")
        #expect(failure("x $last.response[0]")?.message == "$last.response[0]: $last.response is an object, not a list")
        #expect(failure("x $last.model[0].name.x")?.code == .noSuchValue)
    }

    @Test func nonScalarValuesAreErrors() {
        #expect(failure("x $last.model")?.message == "$last.model is a list of 2; pick one with [n]")
        #expect(
            failure("x $last.metadata")?.message
                == "$last.metadata is an object; pick a field (createModelDetails, progressPercent)")
        #expect(failure("x $last.error")?.message == "$last.error is null")
        #expect(failure("x $last")?.code == .notAValue)
    }

    @Test func malformedReferences() {
        #expect(failure("x ${dataset")?.message == "${dataset: no closing }")
        #expect(failure("x ${}")?.code == .malformed)
        #expect(failure("x ${last.[x]}")?.code == .malformed)
        #expect(failure("x ${dataset.name}")?.message == "${dataset.name}: only $last has fields")
    }

    @Test func expandsWordsIndependently() throws {
        let words = try ShellTokenizer.tokenize("a $dataset 'b'")[0].words
        #expect(try VariableExpander(context: context).expand(words) == ["a", "ICN111", "b"])
    }
}
