package import Foundation

/// What ``DemoDataGenerator/generate(into:)`` wrote.
package struct DemoDataSummary: Sendable, Hashable {
    /// One of the two datasets: its CSV and its counts.
    package struct Dataset: Sendable, Hashable {
        /// The CSV file on disk.
        package var csvFile: URL
        /// How to name the CSV in an ImportData request (`gs://…`, or an absolute path for a local destination).
        package var csvReference: String
        /// The number of images.
        package var imageCount: Int
        /// Classification: images per label. Object detection: boxes per label.
        package var labelCounts: [String: Int]
        /// Images per `ML_USE` value (`TRAIN`, `VALIDATION`, `TEST`).
        package var splitCounts: [String: Int]
        /// The number of CSV rows: one per image for classification, one per box for object detection.
        package var rowCount: Int
    }

    /// The folder everything was written to.
    package var directory: URL
    /// The labels, in order; each is the name of a shape.
    package var labels: [String]
    /// The single-label classification dataset; nil when no classification images were asked for.
    package var classification: Dataset?
    /// The object detection dataset; nil when no detection images were asked for.
    package var detection: Dataset?
    /// The bytes of all files written (images and CSVs).
    package var bytesWritten: Int
}
