import Foundation

/// Where the resource cache lives on disk: one JSON file per endpoint/project/location under
/// `$XDG_CACHE_HOME/automl` (default `~/.cache/automl`), folders 0700 and files 0600.
package struct ResourceCacheStore: Sendable, Hashable {
    /// The `automl` folder of the cache home; every cache file is below it.
    package var directory: String

    /// A store rooted at `directory` (the `automl` folder itself).
    package init(directory: String) {
        self.directory = directory
    }

    /// The store for an environment: `$XDG_CACHE_HOME/automl` when that is an absolute path, otherwise
    /// `$HOME/.cache/automl`; nil when neither is set (the cache then lives in memory only).
    package init?(environment: [String: String]) {
        if let cacheHome = environment["XDG_CACHE_HOME"], cacheHome.hasPrefix("/") {
            self.init(directory: Self.joined(cacheHome, "automl"))
        } else if let home = environment["HOME"], !home.isEmpty {
            self.init(directory: Self.joined(Self.joined(home, ".cache"), "automl"))
        } else {
            return nil
        }
    }

    /// The file of one scope: `<directory>/<endpoint slug>/<project>/<location>.json`.
    package func path(for scope: ResourceScope) -> String {
        Self.joined(
            projectDirectory(endpoint: scope.endpoint, project: scope.project),
            CacheSlug.component(scope.location) + ".json")
    }

    /// The folder of one endpoint's caches.
    func endpointDirectory(_ endpoint: String?) -> String {
        Self.joined(directory, CacheSlug.endpoint(endpoint))
    }

    /// The folder of one project's caches on an endpoint.
    func projectDirectory(endpoint: String?, project: String) -> String {
        Self.joined(endpointDirectory(endpoint), CacheSlug.component(project))
    }

    static func joined(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}

/// Turns endpoints, projects and locations into names that are safe as one path component.
enum CacheSlug {
    /// `local` for the local server; otherwise the URL without `https://` and without a trailing slash,
    /// every byte outside `A-Z a-z 0-9 . - _` replaced by `_`: `http://127.0.0.1:8080` → `http_127.0.0.1_8080`.
    static func endpoint(_ endpoint: String?) -> String {
        guard var text = endpoint, !text.isEmpty else { return "local" }
        if text.hasPrefix("https://") { text.removeFirst("https://".count) }
        while text.hasSuffix("/") { text.removeLast() }
        text = text.replacingOccurrences(of: "://", with: "_")
        var bytes = text.utf8.map { isSafe($0) ? $0 : UInt8(ascii: "_") }
        if bytes.isEmpty || bytes[0] == UInt8(ascii: ".") { bytes.insert(UInt8(ascii: "_"), at: 0) }
        let slug = String(decoding: bytes.prefix(200), as: UTF8.self)
        return slug == "local" ? "_local" : slug
    }

    /// A reversible encoding for a project or location: bytes outside `A-Z a-z 0-9 . - _` (and a leading dot)
    /// become `%XX`; the empty name is `%`.
    static func component(_ name: String) -> String {
        guard !name.isEmpty else { return "%" }
        var result = ""
        for (offset, byte) in name.utf8.enumerated() {
            if isSafe(byte), !(offset == 0 && byte == UInt8(ascii: ".")) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// Undoes `component`; nil for a name it cannot have produced.
    static func decodeComponent(_ slug: String) -> String? {
        if slug == "%" { return "" }
        var bytes: [UInt8] = []
        var iterator = slug.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
