/// `google.cloud.automl.v1.ClassificationType`: whether an example has at most one label or several.
public struct ClassificationType: ProtoEnum {
    public static let protoValueNames = ["CLASSIFICATION_TYPE_UNSPECIFIED", "MULTICLASS", "MULTILABEL"]
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let unspecified = ClassificationType(rawValue: "CLASSIFICATION_TYPE_UNSPECIFIED")
    /// At most one label per example.
    public static let multiclass = ClassificationType(rawValue: "MULTICLASS")
    /// Any number of labels per example.
    public static let multilabel = ClassificationType(rawValue: "MULTILABEL")
}

/// `google.cloud.automl.v1.Model.DeploymentState`. There is no "deploying" state: a deploy in flight is
/// visible only through its operation.
public struct DeploymentState: ProtoEnum {
    public static let protoValueNames = ["DEPLOYMENT_STATE_UNSPECIFIED", "DEPLOYED", "UNDEPLOYED"]
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let unspecified = DeploymentState(rawValue: "DEPLOYMENT_STATE_UNSPECIFIED")
    public static let deployed = DeploymentState(rawValue: "DEPLOYED")
    public static let undeployed = DeploymentState(rawValue: "UNDEPLOYED")
}
