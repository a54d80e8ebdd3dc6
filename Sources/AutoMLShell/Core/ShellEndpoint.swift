import Foundation

/// An endpoint as the context keeps it, read from its saved form (``SessionContext/endpoint``): which API the
/// commands speak, and where. The saved form is a string so that the session file, the per-scope places and the
/// completion caches stay keyed as they are: nil is the local server, a URL an AutoML v1 server, and (issue 15)
/// `vertex` Google's regional Vertex AI host, `vertex:local` the local server's Vertex AI surface, `vertex:URL` a
/// Vertex-compatible server.
package struct ShellEndpoint: Hashable, Sendable {
    package enum API: Sendable, Hashable {
        case automl
        case vertex
    }

    package enum Place: Sendable, Hashable {
        /// The server `automl` starts for its data folder.
        case localServer
        /// Google's host for the location (`LOCATION-aiplatform.googleapis.com`).
        case googleRegional
        case url(String)
    }

    package var api: API
    package var place: Place

    package init(api: API, place: Place) {
        self.api = api
        self.place = place
    }

    /// Reads the saved form.
    package init(saved: String?) {
        guard let saved else {
            self.init(api: .automl, place: .localServer)
            return
        }
        switch saved {
        case Self.vertexPrefix.dropLast(): self.init(api: .vertex, place: .googleRegional)
        case Self.vertexPrefix + "local": self.init(api: .vertex, place: .localServer)
        default:
            if saved.hasPrefix(Self.vertexPrefix) {
                self.init(api: .vertex, place: .url(String(saved.dropFirst(Self.vertexPrefix.count))))
            } else {
                self.init(api: .automl, place: .url(saved))
            }
        }
    }

    /// The saved form: nil for the local server's AutoML v1 API.
    package var saved: String? {
        switch (api, place) {
        case (.automl, .localServer): nil
        case (.automl, .googleRegional): EndpointChoice.cloud
        case (.automl, .url(let url)): url
        case (.vertex, .localServer): Self.vertexPrefix + "local"
        case (.vertex, .googleRegional): String(Self.vertexPrefix.dropLast())
        case (.vertex, .url(let url)): Self.vertexPrefix + url
        }
    }

    /// The server's URL when the place is one.
    package var url: String? {
        if case .url(let url) = place { return url }
        return nil
    }

    /// Whether requests go to Google (whose storage is Google's Cloud Storage).
    package var isGoogle: Bool {
        place == .googleRegional || (url.flatMap { URL(string: $0)?.host?.hasSuffix("googleapis.com") } ?? false)
    }

    /// Whether requests go to the server `automl` starts (its project defaults to `local`, its state is shown).
    package var isLocalServer: Bool { place == .localServer }

    /// The project used when none is set: `local` on the local server, none elsewhere.
    package var defaultProject: String? { isLocalServer ? SessionContext.localProject : nil }

    /// How the prompt names it: `local` (`local(off)` while the server does not run), `cloud`, the URL without its
    /// scheme; Vertex AI's with `vertex` in front.
    package func promptName(serverRunning: Bool?) -> String {
        let name: String
        switch place {
        case .localServer: name = serverRunning == false ? "local(off)" : "local"
        case .googleRegional: name = api == .vertex ? "" : "cloud"
        case .url(let url):
            name =
                url == EndpointChoice.cloud
                ? "cloud"
                : url.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "https://", with: "")
        }
        guard api == .vertex else { return name }
        return name.isEmpty ? "vertex" : "vertex:" + name
    }

    private static let vertexPrefix = "vertex:"
}

extension SessionContext {
    /// The endpoint as a value.
    package var endpointValue: ShellEndpoint { ShellEndpoint(saved: endpoint) }
}
