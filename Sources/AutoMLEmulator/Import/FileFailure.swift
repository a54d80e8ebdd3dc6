import Foundation

/// Why a file under the gs:// root (or an allowed local folder) could not be read or written, in words that name
/// neither the server's own paths nor Foundation's error types: answers quote the URI the client gave, and this.
enum FileFailure {
    /// The backend's own errors as they are (they name URIs, not paths); a Foundation or POSIX error as a short
    /// reason: "no such file", "permission denied", "it is a folder", "no space left", or "the file system refused".
    static func describe(_ error: any Error) -> String {
        if let error = error as? GCSPathError { return error.message }
        let nsError = error as NSError
        guard nsError.domain == NSCocoaErrorDomain || nsError.domain == NSPOSIXErrorDomain else {
            return String(describing: error)
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the backend's disk"
            default: break
            }
        }
        let posix =
            nsError.domain == NSPOSIXErrorDomain
            ? nsError.code : (nsError.userInfo[NSUnderlyingErrorKey] as? NSError)?.code
        switch posix.map({ POSIXErrorCode(rawValue: Int32($0)) }) {
        case .ENOENT?: return "no such file"
        case .EACCES?, .EPERM?: return "permission denied"
        case .EISDIR?: return "it is a folder, not a file"
        case .ENOSPC?: return "no space left on the backend's disk"
        default: return "the file cannot be read"
        }
    }

    /// A file that is not one: a folder where a file was named.
    struct NotAFile: Error, CustomStringConvertible {
        var description: String { "it is a folder, not a file" }
    }

    /// Reads a whole file; a folder is refused as ``NotAFile`` (Foundation's error for it says nothing useful).
    static func contents(of url: URL) throws -> Data {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw NotAFile()
        }
        return try Data(contentsOf: url)
    }

    /// `Error: URI: <reason>.` in the service's style.
    static func message(_ uri: String, _ error: any Error) -> String {
        "Error: \(uri): \(describe(error))."
    }
}
