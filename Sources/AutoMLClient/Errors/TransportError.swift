import AutoMLWire
public import Foundation

/// A failure to exchange a request and a response with the service: the host could not be reached, the
/// connection broke, the call ran out of time, or the answer could not be read.
///
/// Errors the service itself answered with are ``AutoMLError``s.
public struct TransportError: Error, Sendable, Hashable {
    /// What went wrong.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No connection could be made; the request was certainly not sent.
        public static let connectFailed = Kind("connect failed")
        /// The connection broke while the request or response was under way.
        public static let connectionReset = Kind("connection reset")
        /// The call's deadline passed.
        public static let timedOut = Kind("timed out")
        /// The response was not what the API sends (not JSON, or not the expected message).
        public static let malformedResponse = Kind("malformed response")
        /// The request could not be built (a bad endpoint URL, say).
        public static let invalidRequest = Kind("invalid request")
        /// The caller cancelled the call.
        public static let cancelled = Kind("cancelled")
        /// Anything else the HTTP stack reported.
        public static let other = Kind("transport failure")

        public var description: String { name }
    }

    public var kind: Kind
    /// What happened, in words; never contains credentials.
    public var message: String
    /// Whether the request may have reached the server. Only requests that were certainly not sent are
    /// retried when the call is not idempotent.
    public var requestMayHaveBeenSent: Bool

    public init(_ kind: Kind, _ message: String, requestMayHaveBeenSent: Bool = true) {
        self.kind = kind
        self.message = message
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
    }
}

extension TransportError: CustomStringConvertible, LocalizedError {
    public var description: String { "\(kind): \(message)" }
    public var errorDescription: String? { description }
}
