/// A proto enum, held by its value name so that a name this client does not know survives a round trip.
///
/// Reading accepts the name or the number; writing gives the name (or the number, when asked). A number
/// with no known name is kept as its decimal text and written back as that number.
public protocol ProtoEnum: ProtoJSONConvertible, RawRepresentable, CustomStringConvertible
where RawValue == String {
    /// The value names, indexed by their numbers (the AutoML enums are dense from 0).
    static var protoValueNames: [String] { get }
    init(rawValue: String)
}

extension ProtoEnum {
    public static var protoDefault: Self { Self(rawValue: protoValueNames[0]) }

    /// The enum number, when the name is known (or was read as a number).
    public var number: Int32? {
        if let index = Self.protoValueNames.firstIndex(of: rawValue) { return Int32(index) }
        return Int32(rawValue)
    }

    /// Whether this value is one that the client knows by name.
    public var isKnown: Bool { Self.protoValueNames.contains(rawValue) }

    public var description: String { rawValue }

    public init(protoJSON: JSONValue, path: String) throws {
        switch protoJSON {
        case .string(let name):
            if !Self.protoValueNames.contains(name), let number = Int64(name) {
                self.init(number: number)
            } else {
                self.init(rawValue: name)
            }
        case .integer(let number):
            self.init(number: number)
        case .number(let number) where Int64(exactly: number) != nil:
            self.init(number: Int64(number))
        case .null:
            self = Self.protoDefault
        default:
            throw ProtoJSONError.mismatch("an enum name or number", protoJSON, at: path)
        }
    }

    private init(number: Int64) {
        let names = Self.protoValueNames
        if number >= 0, number < names.count {
            self.init(rawValue: names[Int(number)])
        } else {
            self.init(rawValue: String(number))
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        if let number, options.enumsAsIntegers || !isKnown {
            return .integer(Int64(number))
        }
        return .string(rawValue)
    }
}
