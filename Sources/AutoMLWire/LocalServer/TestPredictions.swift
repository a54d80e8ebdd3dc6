/// What a model of the local backend predicted for each TEST image of its training, as `GET …/models/M:testPredictions`
/// answers it (an extension of the local backend, docs/emulator.md): the images behind its evaluations, so that the
/// ones it got wrong can be looked at. Image classification only.
///
/// ```json
/// {"labels": ["daisy", "tulip"], "multiLabel": false,
///  "images": [{"uri": "gs://automl-shell/flowers/test/daisy/0.png", "labels": ["daisy"], "scores": [0.31, 0.69]}]}
/// ```
package struct TestPredictions: Codable, Sendable, Hashable {
    /// Every label of the model, in the order of each image's scores.
    package var labels: [String]
    package var multiLabel: Bool
    package var images: [Image]

    package struct Image: Codable, Sendable, Hashable {
        /// The image as the dataset names it (`gs://…`, or the path it was imported from).
        package var uri: String
        /// Its true labels.
        package var labels: [String]
        /// The model's score for each label.
        package var scores: [Double]

        package init(uri: String, labels: [String], scores: [Double]) {
            self.uri = uri
            self.labels = labels
            self.scores = scores
        }
    }

    package init(labels: [String], multiLabel: Bool, images: [Image]) {
        self.labels = labels
        self.multiLabel = multiLabel
        self.images = images
    }

    /// The file beside a model's weights that holds them.
    package static let fileName = "test-predictions.json"

    /// An image the model got wrong, with what it predicted.
    package struct Miss: Sendable, Hashable {
        package var uri: String
        package var trueLabels: [String]
        /// The predicted label (single-label: the best; multi-label: those scoring at least 0.5, joined by `,`).
        package var predicted: String
        /// The score of the predicted label (multi-label: the best wrong score).
        package var score: Double
    }

    /// The images whose prediction differs from their labels, those of `label` alone when it is given, worst (most
    /// confident) first.
    package func misses(label: String? = nil) -> [Miss] {
        images.compactMap { image -> Miss? in
            if let label, !image.labels.contains(label) { return nil }
            guard image.scores.count == labels.count, !labels.isEmpty else { return nil }
            if multiLabel {
                let chosen = labels.indices.filter { image.scores[$0] >= 0.5 }
                let predicted = Set(chosen.map { labels[$0] })
                guard predicted != Set(image.labels) else { return nil }
                let wrong = labels.indices.filter { (image.scores[$0] >= 0.5) != image.labels.contains(labels[$0]) }
                let score = wrong.map { image.scores[$0] }.max() ?? 0
                return Miss(
                    uri: image.uri, trueLabels: image.labels,
                    predicted: chosen.map { labels[$0] }.joined(separator: ","),
                    score: score)
            }
            guard let best = labels.indices.max(by: { image.scores[$0] < image.scores[$1] }),
                !image.labels.contains(labels[best])
            else { return nil }
            return Miss(uri: image.uri, trueLabels: image.labels, predicted: labels[best], score: image.scores[best])
        }.sorted { $0.score > $1.score }
    }
}
