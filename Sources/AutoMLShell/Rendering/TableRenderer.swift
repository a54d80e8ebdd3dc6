import AutoMLClient

/// Tables for people: a list gives one row per item with columns chosen for its kind of resource (see
/// ``TableColumn/columns(for:items:)``); one object gives a FIELD/VALUE table of its flattened scalar members.
struct TableRenderer: Sendable {
    var colors: Bool
    var width: Int

    /// How many elements of an array of objects the FIELD/VALUE table shows before summarizing the rest.
    static let shownArrayElements = 3

    /// The value as a table, ending in a newline.
    func render(_ value: JSONValue) -> String {
        if let payload = Self.vertexPredictions(value) { return renderList(key: "payload", items: payload) }
        switch ResultShape(value) {
        case .list(let key, let items):
            return renderList(key: key, items: items)
        case .object(let object):
            return renderObject(object)
        case .scalar(let scalar):
            return (JSONText.scalar(scalar) ?? "null") + "\n"
        }
    }

    /// An empty list reads `Listed 0 items.`; a List response with no items is `{}` in proto3 JSON, since an
    /// empty repeated field is omitted, so an empty object reads the same.
    private func renderList(key: String?, items: [JSONValue]) -> String {
        guard !items.isEmpty else { return "Listed 0 items.\n" }
        let objects = items.compactMap(\.objectValue)
        guard objects.count == items.count else {
            let rows = items.map { [JSONText.scalar($0) ?? JSONRenderer.compact($0)] }
            return TableLayout(headers: ["VALUE"], rows: rows).render(width: width, bold: colors)
        }
        let columns = TableColumn.columns(for: TableKind(listKey: key, items: items), items: objects)
        let rows = objects.map { item in columns.map { $0.cell(item) } }
        let keys = Set(columns.indices.filter { columns[$0].isKey })
        return TableLayout(headers: columns.map(\.header), rows: rows, keyColumns: keys)
            .render(width: width, bold: colors)
    }

    /// A FIELD/VALUE table of the scalar members; then each member that is a list of flat records (objects of
    /// scalars only, such as the rows of `labels`) as a table of its own under its name, in full.
    private func renderObject(_ object: JSONObject) -> String {
        guard !object.isEmpty else { return "Listed 0 items.\n" }
        let recordLists = object.filter { Self.isRecordList($0.value) }
        var text = ""
        let rest = object.filter { recordLists[$0.key] == nil }
        if !rest.isEmpty {
            var rows: [[String]] = []
            Self.flatten(.object(rest), path: "", into: &rows)
            text = TableLayout(headers: ["FIELD", "VALUE"], rows: rows, cutAtStart: [0]).render(
                width: width, bold: colors)
        }
        for key in JSONKeyOrder.sorted(Array(recordLists.keys)) {
            guard let items = recordLists[key]?.arrayValue else { continue }
            if !text.isEmpty { text += "\n" }
            text += key + ":\n" + renderList(key: key, items: items)
        }
        return text
    }

    /// A non-empty array of objects whose members are all scalars (and that are not `Any` messages, which say
    /// more flattened by path).
    private static func isRecordList(_ value: JSONValue) -> Bool {
        guard let items = value.arrayValue, !items.isEmpty else { return false }
        return items.allSatisfy { item in
            guard let object = item.objectValue, object["@type"] == nil else { return false }
            return object.values.allSatisfy { JSONText.scalar($0) != nil }
        }
    }

    /// Adds a row per scalar member, by dotted path. Arrays of scalars take one row (`a, b, c`); arrays of
    /// objects show their first few elements and one row saying how many more there are.
    static func flatten(_ value: JSONValue, path: String, into rows: inout [[String]]) {
        switch value {
        case .object(let object) where !object.isEmpty:
            for key in JSONKeyOrder.sorted(Array(object.keys)) {
                guard let member = object[key] else { continue }
                flatten(member, path: path.isEmpty ? key : "\(path).\(key)", into: &rows)
            }
        case .array(let items) where !items.isEmpty:
            let scalars = items.compactMap(JSONText.scalar)
            guard scalars.count != items.count else {
                rows.append([path, scalars.joined(separator: ", ")])
                return
            }
            for (index, item) in items.prefix(shownArrayElements).enumerated() {
                flatten(item, path: "\(path)[\(index)]", into: &rows)
            }
            if items.count > shownArrayElements {
                let more = items.count - shownArrayElements
                rows.append(["\(path)[\(shownArrayElements)…]", "\(more) more (set format json or yaml to see all)"])
            }
        case .object:
            rows.append([path, "{}"])
        case .array:
            rows.append([path, "[]"])
        default:
            rows.append([path, JSONText.scalar(value) ?? "null"])
        }
    }

    /// A Vertex AI PredictResponse's parallel arrays (`ids`, `displayNames`, `confidences`, `bboxes` as
    /// [xMin, xMax, yMin, yMax]) as v1's payload items, so that both APIs' predictions print as the same rows.
    static func vertexPredictions(_ value: JSONValue) -> [JSONValue]? {
        guard value["deployedModelId"] != nil, let predictions = value["predictions"]?.arrayValue else { return nil }
        return predictions.flatMap { prediction -> [JSONValue] in
            let names = prediction["displayNames"]?.arrayValue ?? []
            let ids = prediction["ids"]?.arrayValue ?? []
            let scores = prediction["confidences"]?.arrayValue ?? []
            let boxes = prediction["bboxes"]?.arrayValue
            return names.indices.map { index in
                let score = scores.indices.contains(index) ? scores[index] : .null
                var item: JSONObject = [
                    "displayName": names[index], "annotationSpecId": ids.indices.contains(index) ? ids[index] : .null,
                ]
                if let box = boxes?.indices.contains(index) == true ? boxes?[index].arrayValue : nil, box.count == 4 {
                    let corners: [JSONValue] = [
                        .object(["x": box[0], "y": box[2]]), .object(["x": box[1], "y": box[3]]),
                    ]
                    item["imageObjectDetection"] = .object([
                        "score": score, "boundingBox": .object(["normalizedVertices": .array(corners)]),
                    ])
                } else {
                    item["classification"] = .object(["score": score])
                }
                return .object(item)
            }
        }
    }
}
