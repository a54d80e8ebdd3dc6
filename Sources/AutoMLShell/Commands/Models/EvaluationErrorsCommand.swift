import ArgumentParser
import AutoMLClient
import Foundation

/// `evaluation errors [E] [--model M] [--sheet FILE]`.
struct EvaluationErrorsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors", abstract: "List the TEST images a model got wrong, with a contact sheet of them.",
        discussion: """
            Each image the model predicted wrongly: its path, its true labels, the predicted label and that \
            label's score, most confident first; with an evaluation of one label (E), only the images of that \
            label. A contact sheet (JPEG) pictures them in the same order; terminals that show pictures (kitty, \
            iTerm2, WezTerm, sixel; AUTOML_INLINE_IMAGES=kitty|iterm|sixel|none chooses) show it inline, others \
            get its path. The scores come from the local backend, which keeps them for the image classification \
            models it trains (Google's services do not give them).
            """)
    @Argument(help: "An evaluation ID (Tab completes them): only the images of its label.") var evaluation: String?
    @Option(help: "The model (the current one by default).") var model: String?
    @Option(help: "Where to write the contact sheet (default: errors-MODEL.jpg in the cache folder).") var sheet:
        String?

    /// The contact sheet shows this many images at most.
    static let sheetLimit = 60

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        let backend = try await session.backend()
        var label: String?
        if let evaluation {
            let view = try await backend.evaluation(evaluation, of: name).view
            if let view, !view.annotationSpecId.isEmpty { label = view.displayName }
        }
        let predictions: TestPredictions
        do {
            predictions = try await backend.testPredictions(of: name)
        } catch let error as AutoMLError where error.code == .notFound && error.message.contains(":testPredictions") {
            throw ShellError(
                "this endpoint keeps no per-image predictions", hint: "`evaluation errors` works on the local backend")
        }
        let misses = predictions.misses(label: label)
        let path = sheet ?? defaultSheetPath(model: name.model, label: label, session: session)
        let tested = predictions.images.filter { image in label.map { image.labels.contains($0) } ?? true }.count
        var result: JSONObject = [
            "model": .string(name.description),
            "testImages": .integer(Int64(tested)),
            "errors": .array(
                misses.map {
                    .object([
                        "image": .string($0.uri), "trueLabels": .array($0.trueLabels.map(JSONValue.string)),
                        "predicted": .string($0.predicted), "score": .number($0.score),
                    ])
                }),
        ]
        if let label { result["label"] = .string(label) }
        var picture: (jpeg: Data, sheet: ContactSheet)?
        if !misses.isEmpty {
            let images = await fetch(misses.prefix(Self.sheetLimit).map(\.uri), session: session)
            let contact = ContactSheet(images: images)
            let jpeg = try contact.jpeg()
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try jpeg.write(to: URL(fileURLWithPath: path))
            result["contactSheet"] = .string(path)
            picture = (jpeg, contact)
        }
        guard session.drawsViews else {
            session.emit(.object(result))
            return
        }
        session.lastResult = .object(result)
        session.show(
            ErrorsView(misses: misses, label: label, tested: tested).render(
                width: session.output.width, colors: session.output.colors))
        guard let picture else { return }
        if let inline = InlineImage.supported(environment: ProcessInfo.processInfo.environment) {
            let (width, height) = picture.sheet.size
            session.output.standardOutput(
                inline.sequence(jpeg: picture.jpeg, pixels: picture.sheet.pixels(), width: width, height: height))
        }
        session.note(
            "contact sheet: \(path)" + (misses.count > Self.sheetLimit ? " (the first \(Self.sheetLimit))" : ""))
    }

    private func defaultSheetPath(model: String, label: String?, session: ShellSession) -> String {
        let folder = ShellPaths(environment: .process).cache
        let suffix = label.map { "-" + $0.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } } ?? ""
        return folder + "/errors-\(model)\(suffix).jpg"
    }

    /// The files of images named by `gs://` URI (read through the storage API) or by path; nil for one that
    /// cannot be read.
    private func fetch(_ uris: [String], session: ShellSession) async -> [Data?] {
        let storage = try? await session.storage()
        var files: [Data?] = []
        for uri in uris {
            if let location = StorageLocation(uri: uri) {
                files.append(try? await storage?.download(location))
            } else {
                files.append(
                    FileManager.default.contents(atPath: uri.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri))
            }
        }
        return files
    }
}

/// `evaluation errors` on a terminal: a numbered row per image, as the contact sheet numbers them.
struct ErrorsView {
    var misses: [TestPredictions.Miss]
    var label: String?
    /// The TEST images looked at (of the label, when there is one).
    var tested: Int

    func render(width: Int, colors: Bool) -> String {
        let scope = label.map { "images of \($0)" } ?? "TEST images"
        guard !misses.isEmpty else { return "no errors: the model got all \(tested) \(scope) right\n" }
        let rows = misses.enumerated().map { index, miss in
            [
                String(index + 1), miss.uri, miss.trueLabels.joined(separator: ","), miss.predicted,
                TrainingView.score(miss.score),
            ]
        }
        let table = TableLayout(
            headers: ["#", "IMAGE", "TRUE", "PREDICTED", "SCORE"], rows: rows, cutAtStart: [1], rightAligned: [0, 4])
        return table.render(width: width, bold: colors) + "(\(misses.count) wrong of \(tested) \(scope))\n"
    }
}
