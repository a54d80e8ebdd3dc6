import AutoMLWire
import Foundation

/// Changes a stored operation's metadata through the v1 view the runner works with, whichever API's metadata it
/// holds. A Vertex AI operation keeps its method's `@type` and only the fields Vertex AI defines (its clients refuse
/// any other): the partial failures, the export folder and the update time carry over; progress does not (Vertex AI
/// operations have none).
enum OperationMetadataEdit {
    static func apply(
        to operation: inout LongRunningOperation, now: Date,
        _ change: (inout LongRunningOperation, inout OperationMetadata) -> Void
    ) throws {
        guard let packed = operation.metadata, let kind = VertexOperationKind(metadataTypeURL: packed.typeURL) else {
            var metadata = operation.automlMetadata ?? OperationMetadata()
            change(&operation, &metadata)
            metadata.updateTime = Timestamp(now)
            operation.metadata = ProtoAny(metadata)
            return
        }
        var vertex = try VertexOperationMetadata(unpacking: packed)
        var generic = vertex.genericMetadata ?? VertexGenericOperationMetadata()
        var view = OperationMetadata()
        view.partialFailures = generic.partialFailures
        change(&operation, &view)
        generic.partialFailures = Array(view.partialFailures.prefix(20))
        generic.updateTime = Timestamp(now)
        vertex.genericMetadata = generic
        if let folder = view.exportDataDetails?.outputInfo?.gcsOutputDirectory { vertex.gcsOutputDirectory = folder }
        if let folder = view.exportModelDetails?.outputInfo?.gcsOutputDirectory {
            vertex.outputInfo = VertexExportOutputInfo(artifactOutputUri: folder)
        }
        operation.metadata = vertex.packed(as: kind)
    }
}
