public import AsyncHTTPClient
import AutoMLWire
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The production ``HTTPTransport``, on AsyncHTTPClient.
public struct AsyncHTTPClientTransport: HTTPTransport {
    private let explicitClient: HTTPClient?
    /// The largest response body read; a larger one fails the call rather than filling memory.
    public var maxResponseBytes: Int

    /// Uses the given client, by default one process-wide client that needs no shutdown, made when the first
    /// request is sent (a command that sends none does not start its event loops).
    ///
    /// The default client does not retry failed connects by itself (AsyncHTTPClient's pool would keep
    /// retrying until the call's deadline, so an unreachable host took the whole timeout to report):
    /// the client layer's ``RetryPolicy`` decides instead.
    public init(client: HTTPClient? = nil, maxResponseBytes: Int = 256 * 1024 * 1024) {
        explicitClient = client
        self.maxResponseBytes = maxResponseBytes
    }

    private var client: HTTPClient { explicitClient ?? sharedClientLayerHTTPClient }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Data(body.readableBytesView)
            )
        } catch {
            throw TransportError(classifying: error, url: request.url)
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

extension TransportError {
    /// Sorts an error from AsyncHTTPClient or NIO into a kind, and decides whether the request may have
    /// reached the server (only a failure to connect proves it did not).
    init(classifying error: any Error, url: String) {
        let destination = redactedURL(url)
        if let transportError = error as? TransportError {
            self = transportError
            return
        }
        if error is CancellationError {
            self.init(.cancelled, "the call to \(destination) was cancelled")
            return
        }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout:
                self.init(.connectFailed, "could not connect to \(destination) in time", requestMayHaveBeenSent: false)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                self.init(.timedOut, "no answer from \(destination) before the deadline")
            case .remoteConnectionClosed:
                self.init(.connectionReset, "\(destination) closed the connection before answering")
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                self.init(
                    .invalidRequest, "cannot send to \(destination): \(clientError)", requestMayHaveBeenSent: false)
            case .cancelled:
                self.init(.cancelled, "the call to \(destination) was cancelled")
            default:
                self.init(.other, "\(destination): \(clientError)")
            }
            return
        }
        if error is NIOConnectionError {
            self.init(
                .connectFailed, "could not connect to \(destination): \(connectionSummary(error))",
                requestMayHaveBeenSent: false)
            return
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH:
                self.init(
                    .connectFailed, "could not connect to \(destination): \(ioError)", requestMayHaveBeenSent: false)
            case ECONNRESET, EPIPE:
                self.init(.connectionReset, "the connection to \(destination) was reset")
            default:
                self.init(.other, "\(destination): \(ioError)")
            }
            return
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .connectTimeout:
                self.init(.connectFailed, "could not connect to \(destination) in time", requestMayHaveBeenSent: false)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                self.init(.connectionReset, "the connection to \(destination) closed early")
            default:
                self.init(.other, "\(destination): \(channelError)")
            }
            return
        }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("connectFailed") {
            self.init(
                .connectFailed, "could not connect to \(destination): connection refused", requestMayHaveBeenSent: false
            )
        } else if text.contains("Connection reset") || text.contains("closed") {
            self.init(.connectionReset, "the connection to \(destination) was reset")
        } else {
            self.init(.other, "\(destination): \(text)")
        }
    }
}

/// The first reason NIO gives for a failed connection, without its struct noise.
private func connectionSummary(_ error: any Error) -> String {
    guard let connectionError = error as? NIOConnectionError else { return String(describing: error) }
    if let first = connectionError.connectionErrors.first {
        if let ioError = first.error as? IOError, ioError.errnoCode == ECONNREFUSED { return "connection refused" }
        return String(describing: first.error)
    }
    if let dnsError = connectionError.dnsAAAAError ?? connectionError.dnsAError {
        return "could not resolve the host (\(dnsError))"
    }
    return "no address to connect to"
}

/// The process-wide HTTP client of the client layer: created once, never shut down (like `HTTPClient.shared`),
/// with connection establishment left to the client layer's retry policy.
public let sharedClientLayerHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    // HTTP/1.1 only: the AutoML REST surface is served over HTTP/1.1 (Google's front ends negotiate it too), and
    // setting up AsyncHTTPClient's HTTP/2 machinery cost every command a fifth of its start-up.
    configuration.httpVersion = .http1Only
    // A resumable upload's 308 is an answer ("send the rest"), not a redirect; nothing here follows redirects.
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(10)
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
