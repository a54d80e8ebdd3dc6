/// A `pageSize` or `pageToken` the emulator refuses. The server answers it with `INVALID_ARGUMENT` and ``message``.
struct PagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The complete message, ready for an error response.
    var message: String

    /// A token that does not decode, was altered, or belongs to another list, parent or filter.
    static let invalidPageToken = PagingError(message: "page token is not valid for this request")

    /// A negative page size.
    static func negativePageSize(_ size: Int) -> PagingError {
        PagingError(message: "pageSize must not be negative, got \(size)")
    }

    /// A page size that is not an int32.
    static func malformedPageSize(_ text: String) -> PagingError {
        PagingError(message: "pageSize must be an int32, got \(FilterValue.quoted(text))")
    }

    var description: String { message }
}
