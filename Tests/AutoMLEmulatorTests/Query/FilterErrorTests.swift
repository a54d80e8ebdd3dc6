import Testing

@testable import AutoMLEmulator

/// Filters outside the documented grammar fail with a message that names the offending text and the supported fields.
@Suite struct FilterErrorTests {
    private func message(_ text: String, _ list: FilterableList) -> String? {
        let error = #expect(throws: FilterError.self, "\(text)") {
            try FilterExpression(parsing: text, for: list)
        }
        return error?.message
    }

    private func expectError(_ text: String, _ list: FilterableList, mentions pieces: [String]) {
        guard let message = message(text, list) else { return }
        for piece in pieces {
            #expect(message.contains(piece), "\(message) should mention \(piece)")
        }
        #expect(message.contains(FilterValue.quoted(text)), "\(message) should quote the filter")
        #expect(message.contains(list.supportedFieldsSummary), "\(message) should list the fields")
    }

    @Test func unknownFieldIsNamed() {
        expectError("display_name=x", .models, mentions: ["unknown field \"display_name\""])
        expectError("dataset_id=5", .operations, mentions: ["unknown field \"dataset_id\""])
        expectError("done=true", .datasets, mentions: ["unknown field \"done\""])
        expectError("DONE=true", .operations, mentions: ["unknown field \"DONE\""])
    }

    @Test func supportedFieldsAreListed() {
        let models = message("foo=1", .models) ?? ""
        #expect(
            models.contains(
                "models filters support image_classification_model_metadata or "
                    + "imageClassificationModelMetadata (:*)"))
        #expect(models.contains("dataset_id or datasetId (=, !=)"))
        let operations = message("foo=1", .operations) ?? ""
        #expect(operations.contains("done (=, !=)"))
        #expect(operations.contains("worksOn or works_on (=, !=)"))
        #expect(operations.contains("operation_id or operationId (=, !=)"))
        let evaluations = message("foo=1", .modelEvaluations) ?? ""
        #expect(evaluations.contains("annotation_spec_id or annotationSpecId (=, !=, :*)"))
    }

    @Test func orIsRejected() {
        expectError("done=true OR done=false", .operations, mentions: ["OR is not supported"])
        expectError("done=true or done=false", .operations, mentions: ["OR is not supported"])
    }

    @Test func lowercaseKeywordsAreRejected() {
        expectError("done=true and operation_id=1", .operations, mentions: ["\"and\" must be written AND"])
        expectError("not annotation_spec_id:*", .modelEvaluations, mentions: ["\"not\" is not a field"])
    }

    @Test func parenthesesAreRejected() {
        expectError("(done=true)", .operations, mentions: ["parentheses"])
        expectError("NOT (annotation_spec_id:*)", .modelEvaluations, mentions: ["parentheses"])
        expectError("done=true)", .operations, mentions: ["expected AND before \")\""])
    }

    @Test func comparisonOperatorsAreRejected() {
        expectError("dataset_id<5", .models, mentions: ["operator \"<\" is not supported"])
        expectError("dataset_id >= 5", .models, mentions: ["operator \">=\" is not supported"])
        expectError("dataset_id==5", .models, mentions: ["operator \"==\" is not supported; use ="])
        expectError("dataset_id 5", .models, mentions: ["expected =, != or :* after \"dataset_id\", found \"5\""])
        expectError("dataset_id", .models, mentions: ["expected =, != or :* after \"dataset_id\""])
    }

    @Test func operatorsAFieldDoesNotSupportAreRejected() {
        expectError(
            "image_classification_dataset_metadata=1", .datasets,
            mentions: ["does not support =; use image_classification_dataset_metadata:*"])
        expectError("dataset_id:*", .models, mentions: ["does not support :*; use dataset_id=, dataset_id!="])
        expectError("done:*", .operations, mentions: ["done does not support :*"])
        expectError("NOT dataset_id=5", .models, mentions: ["NOT and - apply only to existence tests"])
        expectError("annotation_spec_id:4", .modelEvaluations, mentions: ["only \"annotation_spec_id:*\""])
    }

    @Test func badValuesAreRejected() {
        expectError("done=yes", .operations, mentions: ["done takes true or false, not \"yes\""])
        expectError("done=TRUE", .operations, mentions: ["not \"TRUE\""])
        expectError("dataset_id=", .models, mentions: ["missing value after \"dataset_id=\""])
        expectError("dataset_id= AND done=true", .models, mentions: ["missing value"])
        expectError("dataset_id=\"5", .models, mentions: ["unterminated quoted value \"5"])
        expectError(
            "worksOn=projects/*/locations/l/models/1", .operations,
            mentions: ["* is only supported as the last segment"])
    }

    @Test func danglingAndIsRejected() {
        expectError("done=true AND", .operations, mentions: ["ends after AND"])
        expectError("done=true AND  ", .operations, mentions: ["ends after AND"])
        expectError("done=true operation_id=1", .operations, mentions: ["expected AND before \"operation_id=1\""])
        expectError("AND done=true", .operations, mentions: ["\"AND\" is not a field"])
    }
}
