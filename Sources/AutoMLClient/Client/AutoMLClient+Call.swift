import AutoMLWire
import Foundation

/// One REST call as the methods describe it, before it is sent.
struct RESTCall: Sendable {
    var method: String
    /// The path after `/v1/`, such as `projects/p/locations/l/models`; or, starting with `/`, the whole path after the
    /// endpoint (`/storage/v1/b/…`).
    var path: String
    var query: [(String, String)] = []
    var body: Data?
    /// Whether sending it twice does no harm; only such calls are retried once they may have been sent.
    var idempotent: Bool
    /// The `x-goog-request-params` routing header, such as `name=projects/p/…`.
    var routing: String
    var timeout: Duration? = nil
    /// A URL to send to instead of the endpoint and path (a resumable upload's session URL).
    var url: String? = nil
    /// The body's type when it is not JSON.
    var contentType: String? = nil
    /// More headers (`Content-Range`, `Range`, `X-Upload-Content-Type`, …).
    var headers: [(name: String, value: String)] = []
    /// Statuses besides 2xx that are answers, not errors (a resumable upload's 308).
    var alsoSuccessful: Set<Int> = []
}

extension AutoMLClient {
    /// Sends a call and reads its answer as `Response`.
    func perform<Response: ProtoMessage>(_ call: RESTCall, options: CallOptions, as type: Response.Type) async throws
        -> Response
    {
        let response = try await send(call, options: options)
        do {
            return try Response(jsonData: response.body)
        } catch let error as ProtoJSONError {
            throw TransportError(
                .malformedResponse,
                "the answer to \(call.method) \(redactedURL(url(for: call))) is not a valid "
                    + "\(Response.protoMessageName): \(error)")
        }
    }

    /// Sends a call with retries and returns the successful response; throws ``AutoMLError`` for an
    /// error answer and ``TransportError`` when no answer came.
    func send(_ call: RESTCall, options: CallOptions) async throws -> HTTPResponse {
        let policy = options.retry ?? configuration.retry
        let clock = ContinuousClock()
        let deadline = clock.now + (options.timeout ?? call.timeout ?? configuration.timeout)
        let url = url(for: call)
        var attempt = 1
        var refreshedAfterUnauthenticated = false
        while true {
            let token: String?
            do {
                token = try await configuration.credentials.accessToken(forceRefresh: refreshedAfterUnauthenticated)
            } catch let error as AutoMLError {
                throw error
            } catch let error as TransportError {
                throw error
            } catch {
                throw AutoMLError(code: .unauthenticated, message: "could not get an access token: \(error)")
            }
            let request = HTTPRequest(
                method: call.method, url: url, headers: headers(for: call, token: token),
                body: call.body)
            let failure: RetryPolicy.Failure
            let failureError: any Error
            let started = clock.now
            let timeLeft = deadline - started
            if timeLeft <= .zero {
                throw TransportError(.timedOut, "no answer from \(redactedURL(url)) before the deadline")
            }
            do {
                let response = try await transport.send(request, timeout: timeLeft)
                log(
                    request, response: response, failure: nil, duration: clock.now - started, attempt: attempt,
                    token: token)
                if (200..<300).contains(response.status) || call.alsoSuccessful.contains(response.status) {
                    return response
                }
                let error = AutoMLError(
                    httpStatus: response.status, body: response.body,
                    retryAfter: parseRetryAfter(
                        response.header("Retry-After"),
                        now: environment.wallClock()))
                if response.status == 401, !refreshedAfterUnauthenticated,
                    configuration.credentials.canRefresh
                {
                    // An expired token is the usual cause; one fresh token settles it either way.
                    refreshedAfterUnauthenticated = true
                    continue
                }
                failure = .response(error.code, retryAfter: error.retryAfter)
                failureError = error
            } catch let error as TransportError {
                log(
                    request, response: nil, failure: error, duration: clock.now - started, attempt: attempt,
                    token: token)
                if error.kind == .cancelled { throw error }
                failure = .transport(error.kind, requestMayHaveBeenSent: error.requestMayHaveBeenSent)
                failureError = error
            }
            let decision = policy.decide(
                after: failure, attempt: attempt, idempotent: call.idempotent,
                timeLeft: deadline - clock.now, random: environment.random)
            guard case .retry(let wait) = decision else { throw failureError }
            try await environment.sleep(wait)
            attempt += 1
        }
    }

    func url(for call: RESTCall) -> String {
        if let url = call.url { return url }
        var base = configuration.endpoint
        while base.hasSuffix("/") { base.removeLast() }
        var url = call.path.hasPrefix("/") ? base + call.path : "\(base)/v1/\(call.path)"
        if !call.query.isEmpty {
            url += "?" + call.query.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
        }
        return url
    }

    private func headers(for call: RESTCall, token: String?) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("User-Agent", configuration.userAgent),
            ("x-goog-api-client", "gl-swift/6 gccl/\(AutoMLClientVersion.current)"),
            ("Accept", "application/json"),
        ]
        if !call.routing.isEmpty { headers.append(("x-goog-request-params", call.routing)) }
        if let type = call.contentType {
            headers.append(("Content-Type", type))
        } else if call.body != nil {
            headers.append(("Content-Type", "application/json; charset=utf-8"))
        }
        headers += call.headers
        if let token {
            headers.append(("Authorization", "Bearer \(token)"))
        }
        if let project = configuration.quotaProject ?? configuration.credentials.quotaProject, !project.isEmpty {
            headers.append(("x-goog-user-project", project))
        }
        return headers
    }

    private func log(
        _ request: HTTPRequest, response: HTTPResponse?, failure: TransportError?, duration: Duration,
        attempt: Int, token: String?
    ) {
        guard let hook = configuration.log else { return }
        let secrets = token.map { [$0] } ?? []
        var entry = HTTPLogEntry(
            method: request.method, url: redactedURL(request.url), status: response?.status,
            duration: duration, attempt: attempt,
            failure: failure.map { redactedText($0.description, secrets: secrets) })
        if hook.includeBodies {
            entry.requestBody = request.body.map { redactedText(String(decoding: $0, as: UTF8.self), secrets: secrets) }
            entry.responseBody = response.map {
                redactedText(String(decoding: $0.body, as: UTF8.self), secrets: secrets)
            }
        }
        hook.record(entry)
    }
}

/// Percent-encodes a query component: everything but RFC 3986 unreserved characters.
func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    var result = ""
    for scalar in text.unicodeScalars {
        if scalar.isASCII, allowed.contains(scalar) {
            result.unicodeScalars.append(scalar)
        } else {
            for byte in String(scalar).utf8 { result += String(format: "%%%02X", byte) }
        }
    }
    return result
}
