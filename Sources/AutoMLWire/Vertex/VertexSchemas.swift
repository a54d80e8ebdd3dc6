/// The schema URIs Vertex AI names image datasets, imports, training definitions, predictions and metrics by
/// (reference: vertex-ai-image.md §3–§5). They are identifiers, compared as text; nothing is fetched from them.
public enum VertexSchema {
    static let root = "gs://google-cloud-aiplatform/schema/"
    static let httpsRoot = "https://storage.googleapis.com/google-cloud-aiplatform/schema/"

    /// `Dataset.metadataSchemaUri` of every image dataset.
    public static let imageDataset = root + "dataset/metadata/image_1.0.0.yaml"
    /// `Dataset.metadata.dataItemSchemaUri` of an image dataset.
    public static let imageDataItem = root + "dataset/dataitem/image_1.0.0.yaml"

    /// `ImportDataConfig.importSchemaUri`: what an import file holds.
    public enum Import {
        public static let singleLabel =
            root + "dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml"
        public static let multiLabel = root + "dataset/ioformat/image_classification_multi_label_io_format_1.0.0.yaml"
        public static let boundingBox = root + "dataset/ioformat/image_bounding_box_io_format_1.0.0.yaml"
        /// Every import schema the image workflow uses.
        public static let all = [singleLabel, multiLabel, boundingBox]
    }

    /// `TrainingPipeline.trainingTaskDefinition` of AutoML image training.
    public enum Training {
        public static let classification = root + "trainingjob/definition/automl_image_classification_1.0.0.yaml"
        public static let objectDetection = root + "trainingjob/definition/automl_image_object_detection_1.0.0.yaml"
    }

    /// `ModelEvaluation.metricsSchemaUri`.
    public enum Metrics {
        public static let classification = root + "modelevaluation/classification_metrics_1.0.0.yaml"
        public static let objectDetection = root + "modelevaluation/image_object_detection_metrics_1.0.0.yaml"
    }

    /// `Model.predictSchemata` and `Model.metadataSchemaUri` of an AutoML image model (https form, as the service
    /// writes them).
    public enum Model {
        public static let classificationMetadata = httpsRoot + "model/metadata/automl_image_classification_1.0.0.yaml"
        public static let objectDetectionMetadata =
            httpsRoot + "model/metadata/automl_image_object_detection_1.0.0.yaml"
        public static func predictSchemata(detection: Bool) -> VertexPredictSchemata {
            var schemata = VertexPredictSchemata()
            let kind = detection ? "image_object_detection" : "image_classification"
            schemata.instanceSchemaUri = httpsRoot + "predict/instance/\(kind)_1.0.0.yaml"
            schemata.parametersSchemaUri = httpsRoot + "predict/params/\(kind)_1.0.0.yaml"
            schemata.predictionSchemaUri =
                httpsRoot + "predict/prediction/\(detection ? "image_object_detection" : "classification")_1.0.0.yaml"
            return schemata
        }
    }
}
