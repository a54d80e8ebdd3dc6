import Testing

@testable import AutoMLEmulator

/// Every filter form of reference §2.5 and the seed reads into the expected terms.
@Suite struct FilterParsingTests {
    @Test(arguments: ["", "   ", "\t\n"])
    func blankFilterMatchesEverything(text: String) throws {
        for list in FilterableList.allCases {
            let filter = try FilterExpression(parsing: text, for: list)
            #expect(filter.isEmpty)
            #expect(filter.matches(FilterTestSubject()))
        }
    }

    @Test func documentedFormsParse() throws {
        let cases: [(String, FilterableList, [FilterTerm])] = [
            ("done=true", .operations, [FilterTerm(field: .done, test: .equals(.value(.bool(true))))]),
            (
                "worksOn = projects/my-project/locations/us-central1/datasets/5", .operations,
                [
                    FilterTerm(
                        field: .worksOn,
                        test: .equals(.value(.string("projects/my-project/locations/us-central1/datasets/5"))))
                ]
            ),
            ("dataset_id=5", .models, [FilterTerm(field: .datasetID, test: .equals(.value(.string("5"))))]),
            ("NOT annotation_spec_id:*", .modelEvaluations, [FilterTerm(field: .annotationSpecID, test: .absent)]),
            (
                "annotation_spec_id!=4", .modelEvaluations,
                [FilterTerm(field: .annotationSpecID, test: .notEquals(.value(.string("4"))))]
            ),
            (
                "image_classification_dataset_metadata:*", .datasets,
                [FilterTerm(field: .imageClassificationDatasetMetadata, test: .present)]
            ),
            (
                "image_object_detection_dataset_metadata:*", .datasets,
                [FilterTerm(field: .imageObjectDetectionDatasetMetadata, test: .present)]
            ),
            (
                "translation_dataset_metadata:*", .datasets,
                [FilterTerm(field: .translationDatasetMetadata, test: .present)]
            ),
            (
                "image_classification_model_metadata:*", .models,
                [FilterTerm(field: .imageClassificationModelMetadata, test: .present)]
            ),
            (
                "image_object_detection_model_metadata:*", .models,
                [FilterTerm(field: .imageObjectDetectionModelMetadata, test: .present)]
            ),
            (
                "operation_id=ICN123", .operations,
                [FilterTerm(field: .operationID, test: .equals(.value(.string("ICN123"))))]
            ),
            ("done!=false", .operations, [FilterTerm(field: .done, test: .notEquals(.value(.bool(false))))]),
            ("-annotation_spec_id:*", .modelEvaluations, [FilterTerm(field: .annotationSpecID, test: .absent)]),
            ("annotation_spec_id:*", .modelEvaluations, [FilterTerm(field: .annotationSpecID, test: .present)]),
        ]
        for (text, list, terms) in cases {
            let filter = try FilterExpression(parsing: text, for: list)
            #expect(filter.terms == terms, "\(text)")
            #expect(filter.list == list)
        }
    }

    @Test func nodeSampleWildcardIsAnyChild() throws {
        let filter = try FilterExpression(parsing: "worksOn=projects/P/locations/L/models/*", for: .operations)
        let anyModel = FilterOperand.anyChild(of: "projects/P/locations/L/models/")
        #expect(filter.terms == [FilterTerm(field: .worksOn, test: .equals(anyModel))])
    }

    @Test func alternateSpellingsNameTheSameField() throws {
        let pairs: [(String, String, FilterableList)] = [
            ("imageClassificationDatasetMetadata:*", "image_classification_dataset_metadata:*", .datasets),
            ("imageObjectDetectionDatasetMetadata:*", "image_object_detection_dataset_metadata:*", .datasets),
            ("translationDatasetMetadata:*", "translation_dataset_metadata:*", .datasets),
            ("imageClassificationModelMetadata:*", "image_classification_model_metadata:*", .models),
            ("imageObjectDetectionModelMetadata:*", "image_object_detection_model_metadata:*", .models),
            ("datasetId=5", "dataset_id=5", .models),
            ("annotationSpecId!=4", "annotation_spec_id!=4", .modelEvaluations),
            ("works_on=projects/p/locations/l/models/1", "worksOn=projects/p/locations/l/models/1", .operations),
            ("operationId=7", "operation_id=7", .operations),
        ]
        for (alternate, documented, list) in pairs {
            #expect(
                try FilterExpression(parsing: alternate, for: list)
                    == FilterExpression(parsing: documented, for: list), "\(alternate)")
        }
    }

    @Test func whitespaceAndQuotesAreOptional() throws {
        let spellings = [
            "dataset_id=5", "dataset_id = 5", "  dataset_id =5 ", "dataset_id=\"5\"", "dataset_id = \"5\"",
            "dataset_id\t=\t5",
        ]
        let expected = try FilterExpression(parsing: "dataset_id=5", for: .models)
        for text in spellings {
            #expect(try FilterExpression(parsing: text, for: .models) == expected, "\(text)")
        }
        #expect(
            try FilterExpression(parsing: "NOT   annotation_spec_id : *", for: .modelEvaluations).terms
                == [FilterTerm(field: .annotationSpecID, test: .absent)])
        #expect(
            try FilterExpression(parsing: "done = \"true\"", for: .operations).terms
                == [FilterTerm(field: .done, test: .equals(.value(.bool(true))))])
    }

    @Test func quotedValuesKeepSpacesAndEscapes() throws {
        let filter = try FilterExpression(parsing: #"operation_id="a \"b\" \\ c""#, for: .operations)
        #expect(filter.terms == [FilterTerm(field: .operationID, test: .equals(.value(.string(#"a "b" \ c"#))))])
        let empty = try FilterExpression(parsing: #"annotation_spec_id="""#, for: .modelEvaluations)
        #expect(empty.terms == [FilterTerm(field: .annotationSpecID, test: .equals(.value(.string(""))))])
    }

    @Test func aQuoteFollowedByACombiningMarkIsEscapedInTheCanonicalForm() throws {
        // `"` and U+0FB1 are one Character, but the parser reads scalars: the canonical form must escape the quote.
        let value = "a\"\u{0FB1}b"
        let filter = FilterExpression(
            list: .operations, terms: [FilterTerm(field: .operationID, test: .equals(.value(.string(value))))])
        #expect(try FilterExpression(parsing: filter.description, for: .operations) == filter)
        let vertex = try VertexFilterExpression(parsing: "display_name=a\"\u{0FB1}b", for: .datasets)
        #expect(try VertexFilterExpression(parsing: vertex.description, for: .datasets) == vertex)
        // An operator followed by a combining mark is still the operator; the mark starts the value.
        let marked = try FilterExpression(parsing: "operation_id=\u{0338}a", for: .operations)
        #expect(marked.terms == [FilterTerm(field: .operationID, test: .equals(.value(.string("\u{0338}a"))))])
        #expect(
            try VertexFilterExpression(parsing: "display_name!=\u{0338}a", for: .datasets).description
                == "display_name!=\"\u{0338}a\"")
    }

    @Test func termsJoinWithAnd() throws {
        let filter = try FilterExpression(
            parsing: "done=true AND worksOn = projects/p/locations/l/models/* AND operation_id!=9", for: .operations)
        #expect(
            filter.terms == [
                FilterTerm(field: .done, test: .equals(.value(.bool(true)))),
                FilterTerm(field: .worksOn, test: .equals(.anyChild(of: "projects/p/locations/l/models/"))),
                FilterTerm(field: .operationID, test: .notEquals(.value(.string("9")))),
            ])
        let models = try FilterExpression(
            parsing: "image_classification_model_metadata:* AND dataset_id!=ICN1", for: .models)
        #expect(models.terms.count == 2)
    }

    @Test func canonicalFormParsesBackAndIgnoresSpelling() throws {
        let texts: [(String, FilterableList, String)] = [
            (
                "done = true AND  works_on=projects/p/locations/l/models/*", .operations,
                #"done=true AND worksOn="projects/p/locations/l/models/*""#
            ),
            ("-annotationSpecId:*", .modelEvaluations, "NOT annotation_spec_id:*"),
            (#"datasetId = "a \"q\"""#, .models, #"dataset_id="a \"q\"""#),
            ("", .datasets, ""),
        ]
        for (text, list, canonical) in texts {
            let filter = try FilterExpression(parsing: text, for: list)
            #expect(filter.description == canonical)
            #expect(try FilterExpression(parsing: filter.description, for: list) == filter)
        }
    }
}
