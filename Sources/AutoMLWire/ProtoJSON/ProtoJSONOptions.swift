/// How proto3 JSON is written.
public struct ProtoJSONOptions: Sendable, Hashable {
    /// Writes enums as their numbers instead of their names, as a server does for a request that carries
    /// `$alt=json;enum-encoding=int`.
    public var enumsAsIntegers: Bool

    public init(enumsAsIntegers: Bool = false) {
        self.enumsAsIntegers = enumsAsIntegers
    }

    /// Names for enums: the canonical proto3 JSON form.
    public static let canonical = ProtoJSONOptions()
}

extension CodingUserInfoKey {
    /// Carries ``ProtoJSONOptions`` into `JSONEncoder.userInfo` for the Codable bridge of proto messages.
    public static let protoJSONOptions: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "automl.protoJSONOptions") else {
            preconditionFailure("a non-empty raw value always makes a key")
        }
        return key
    }()
}
