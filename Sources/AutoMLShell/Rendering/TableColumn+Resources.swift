import AutoMLClient
import Foundation

extension TableColumn {
    /// The columns for a list of this kind of resource; `items` lets the generic kind pick the members they have.
    static func columns(for kind: TableKind, items: [JSONObject]) -> [TableColumn] {
        switch kind {
        case .dataset:
            [
                .id, .displayName, TableColumn("TYPE", datasetType),
                TableColumn("EXAMPLES") {
                    JSONText.scalar($0["exampleCount"] ?? $0["dataItemCount"] ?? .integer(0)) ?? ""
                },
                .time("CREATED", path: "createTime"),
            ]
        case .model:
            [
                .id, .displayName, TableColumn("DATASET", path: "datasetId").key,
                TableColumn("STATE", modelState),
                TableColumn("MODEL TYPE") { modelMetadata($0, "modelType") },
                TableColumn("STOP REASON") { modelMetadata($0, "stopReason") },
            ]
        case .operation:
            [
                TableColumn("ID", operationID).key, TableColumn("KIND", operationKind),
                TableColumn("DONE", operationDone), TableColumn("PROGRESS", operationProgress),
                TableColumn("ERROR", operationError), TableColumn("CREATED", operationCreated),
            ]
        case .evaluation:
            evaluationColumns(items)
        case .annotationSpec:
            [.id, .displayName, TableColumn("EXAMPLES", path: "exampleCount", default: "0")]
        case .prediction:
            predictionColumns(items)
        case .other:
            genericColumns(items)
        }
    }

    /// `multiclass`, `multilabel` or `detection`: the words of `dataset create --type` (on Vertex AI, the label the
    /// shell keeps them in).
    private static func datasetType(_ dataset: JSONObject) -> String {
        if let kind = dataset["labels"]?[VertexBackend.kindLabel]?.stringValue { return kind }
        if dataset["imageObjectDetectionDatasetMetadata"] != nil { return "detection" }
        guard let type = dataset["imageClassificationDatasetMetadata"]?["classificationType"]?.stringValue else {
            return ""
        }
        return type == "CLASSIFICATION_TYPE_UNSPECIFIED" ? "" : type.lowercased()
    }

    /// v1's deployment state; on Vertex AI, DEPLOYED when the model is on an endpoint.
    private static func modelState(_ model: JSONObject) -> String {
        if model["deployedModels"]?.arrayValue?.isEmpty == false { return "DEPLOYED" }
        let state = model["deploymentState"]?.stringValue ?? ""
        return state == "DEPLOYMENT_STATE_UNSPECIFIED" ? "" : state
    }

    /// A member of whichever image model metadata the model has (Vertex AI: its `metadata`).
    private static func modelMetadata(_ model: JSONObject, _ key: String) -> String {
        let metadata =
            model["imageClassificationModelMetadata"] ?? model["imageObjectDetectionModelMetadata"]
            ?? model["metadata"]
        return metadata?[key].flatMap(JSONText.scalar) ?? ""
    }

    /// The ID; on Vertex AI an operation nested under a resource, and a training pipeline, by its path below the
    /// location (`trainingPipelines/1`, `datasets/2/operations/3`), as commands take them.
    private static func operationID(_ operation: JSONObject) -> String {
        let name = operation["name"]?.stringValue ?? ""
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        // A Vertex AI operation at the location (a delete) is `operations/ID` too: its metadata says it is one.
        let vertex = operation["metadata"]?["@type"]?.stringValue?.contains(".aiplatform.") == true
        guard segments.count > 6 || segments.dropLast().last == "trainingPipelines" || (vertex && segments.count == 6)
        else {
            return segments.last.map(String.init) ?? ""
        }
        return segments.dropFirst(4).joined(separator: "/")
    }

    /// The metadata's details member without `Details`: `createModel`, `importData`, `deployModel`; on Vertex AI the
    /// metadata's type the same way, and `createModel` for a training pipeline.
    private static func operationKind(_ operation: JSONObject) -> String {
        if operation["state"] != nil { return "createModel" }
        let keys = operation["metadata"]?.objectValue?.keys.filter { $0.hasSuffix("Details") } ?? []
        if let key = keys.sorted().first { return String(key.dropLast("Details".count)) }
        return VertexBackend.kind(metadataType: operation["metadata"]?["@type"]?.stringValue ?? "") ?? ""
    }

    private static func operationDone(_ operation: JSONObject) -> String {
        if let state = operation["state"]?.stringValue {
            return String(VertexPipelineState(rawValue: state).isTerminal)
        }
        return operation["done"] == .bool(true) ? "true" : "false"
    }

    /// `40%`; `0%` for a running operation that reports none; empty for a finished one that reports none. A training
    /// pipeline's is its cost against its budget.
    private static func operationProgress(_ operation: JSONObject) -> String {
        if let percent = operation["metadata"]?["progressPercent"].flatMap(JSONText.scalar) { return percent + "%" }
        if let state = operation["state"]?.stringValue {
            if let percent = VertexBackend.pipelinePercent(.object(operation)) { return "\(percent)%" }
            return VertexPipelineState(rawValue: state).isTerminal ? "" : "0%"
        }
        return operation["done"] == .bool(true) ? "" : "0%"
    }

    private static func operationCreated(_ operation: JSONObject) -> String {
        let text =
            (operation["metadata"]?["createTime"] ?? operation["metadata"]?["genericMetadata"]?["createTime"]
            ?? operation["createTime"])?.stringValue ?? ""
        guard let dot = text.firstIndex(of: "."), text.hasSuffix("Z") else { return text }
        return String(text[..<dot]) + "Z"
    }

    /// The canonical name of the error's code, such as `INVALID_ARGUMENT`.
    private static func operationError(_ operation: JSONObject) -> String {
        guard let error = operation["error"]?.objectValue else { return "" }
        switch error["code"] {
        case .integer(let code): return RPCCode(rawValue: Int32(clamping: code)).name
        case .none: return RPCCode.ok.name
        case .some(let code): return JSONText.scalar(code) ?? ""
        }
    }

    /// Label, spec ID, examples and the headline metric: AU PRC for classification, mAP for detection.
    private static func evaluationColumns(_ items: [JSONObject]) -> [TableColumn] {
        let detection =
            items.contains {
                $0["imageObjectDetectionEvaluationMetrics"] != nil
                    || $0["metrics"]?["boundingBoxMeanAveragePrecision"] != nil
            }
            && !items.contains { $0["classificationEvaluationMetrics"] != nil }
        // Three decimals: the float32 values read back as doubles carry noise digits (0.99182266).
        let metric =
            detection
            ? TableColumn("MAP") {
                decimal(
                    ($0["imageObjectDetectionEvaluationMetrics"] ?? $0["metrics"])?["boundingBoxMeanAveragePrecision"])
            }
            : TableColumn("AU PRC") {
                decimal($0["classificationEvaluationMetrics"]?["auPrc"] ?? $0["metrics"]?["auPrc"])
            }
        let label = TableColumn("LABEL") { evaluation in
            // A Vertex AI slice: its label is the slice's value.
            if let value = evaluation["slice"]?["value"]?.stringValue { return value }
            if evaluation["metricsSchemaUri"] != nil { return "(all labels)" }
            let name = evaluation["displayName"]?.stringValue ?? ""
            let spec = evaluation["annotationSpecId"]?.stringValue ?? ""
            return name.isEmpty && spec.isEmpty ? "(all labels)" : name
        }
        // Vertex AI's metrics carry no count: its test images are read from the confusion matrix (a slice's from the
        // overall evaluation's, listed with it), as `evaluation get` counts them.
        let overall = items.first { $0["metricsSchemaUri"] != nil && $0["slice"] == nil }.flatMap {
            VertexEvaluationView.modelEvaluation(.object($0))
        }
        let examples = TableColumn("EXAMPLES") { evaluation in
            if let count = evaluation["evaluatedExampleCount"] { return JSONText.scalar(count) ?? "0" }
            guard evaluation["metrics"] != nil,
                let read = VertexEvaluationView.modelEvaluation(.object(evaluation), overall: overall)
            else { return "0" }
            // Detection metrics carry no count of their images on Vertex AI: unknown, not none.
            guard read.imageObjectDetectionEvaluationMetrics == nil else { return "" }
            return String(read.evaluatedExampleCount)
        }
        return [.id, label, TableColumn("ANNOTATION SPEC", path: "annotationSpecId"), examples, metric]
    }

    /// A prediction's annotations (`payload`): label and score, and for detection the box as
    /// `xMin,yMin–xMax,yMax` in image-relative coordinates.
    private static func predictionColumns(_ items: [JSONObject]) -> [TableColumn] {
        let score = TableColumn("SCORE") { payload in
            decimal(payload["classification"]?["score"] ?? payload["imageObjectDetection"]?["score"])
        }
        var columns = [TableColumn("LABEL", path: "displayName"), score]
        if items.contains(where: { $0["imageObjectDetection"] != nil }) {
            columns.append(
                TableColumn("BOX") { payload in
                    let vertices =
                        payload["imageObjectDetection"]?["boundingBox"]?["normalizedVertices"]?.arrayValue ?? []
                    let points = vertices.map { vertex in
                        [vertex["x"], vertex["y"]].map { String(format: "%.3f", number($0) ?? 0) }
                            .joined(separator: ",")
                    }
                    return points.joined(separator: "–")
                })
        }
        return columns + [TableColumn("ANNOTATION SPEC", path: "annotationSpecId")]
    }

    /// A number with three decimals; empty for anything else.
    private static func decimal(_ value: JSONValue?) -> String {
        number(value).map { String(format: "%.3f", $0) } ?? ""
    }

    /// A number in any of proto3 JSON's forms, as the client reads one.
    private static func number(_ value: JSONValue?) -> Double? {
        value.flatMap { try? Double(protoJSON: $0, path: "") }
    }

    /// ID and display name when the items have them, then up to six scalar members the items have, sorted.
    private static func genericColumns(_ items: [JSONObject]) -> [TableColumn] {
        let keys = Set(items.flatMap { item in item.compactMap { JSONText.scalar($0.value) == nil ? nil : $0.key } })
        var columns: [TableColumn] = []
        if keys.contains("name") { columns.append(.id) }
        if keys.contains("displayName") { columns.append(.displayName) }
        for key in JSONKeyOrder.sorted(Array(keys)) where !JSONKeyOrder.leading.contains(key) {
            columns.append(TableColumn(headerText(key), path: key))
        }
        return Array(columns.prefix(8))
    }

    /// `exampleCount` → `EXAMPLE COUNT`.
    static func headerText(_ key: String) -> String {
        var header = ""
        for character in key {
            if character.isUppercase, !header.isEmpty { header += " " }
            header += character.uppercased()
        }
        return header
    }
}
