public import Foundation

/// What ``DemoDataGenerator/generate(into:)`` wrote.
public struct DemoDataSummary: Sendable, Hashable {
    /// One of the two datasets: its CSV and its counts.
    public struct Dataset: Sendable, Hashable {
        /// The CSV file on disk.
        public var csvFile: URL
        /// How to name the CSV in an ImportData request (`gs://…`, or an absolute path for a local destination).
        public var csvReference: String
        /// The number of images.
        public var imageCount: Int
        /// Classification: images per label. Object detection: boxes per label.
        public var labelCounts: [String: Int]
        /// Images per `ML_USE` value (`TRAIN`, `VALIDATION`, `TEST`).
        public var splitCounts: [String: Int]
        /// The number of CSV rows: one per image for classification, one per box for object detection.
        public var rowCount: Int
    }

    /// The folder everything was written to.
    public var directory: URL
    /// The labels, in order; each is the name of a shape.
    public var labels: [String]
    /// The single-label classification dataset; nil when no classification images were asked for.
    public var classification: Dataset?
    /// The object detection dataset; nil when no detection images were asked for.
    public var detection: Dataset?
    /// The bytes of all files written (images and CSVs).
    public var bytesWritten: Int
}
