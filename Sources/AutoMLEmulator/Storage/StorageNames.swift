import AutoMLWire

/// Bucket and object names as Cloud Storage checks them, plus what a folder of files can hold.
enum StorageNames {
    /// Checks a bucket name by Cloud Storage's rules (``GCSBucketName/problem(_:)``).
    static func checkBucket(_ name: String) throws {
        if let problem = GCSBucketName.problem(name) {
            throw StorageError.invalid("Invalid bucket name: '\(name)' (\(problem)).")
        }
    }

    /// Checks an object name: Cloud Storage's rules (1–1024 bytes of UTF-8, no CR or LF, not `.` or `..`, not under
    /// `.well-known/acme-challenge/`), then what a file under the bucket's folder can be named: no empty, `.` or
    /// `..` segment, no trailing `/`, no NUL or backslash (the checks of `gs://` URIs in imports).
    static func checkObject(_ name: String, bucket: String) throws {
        let bytes = name.utf8.count
        guard (1...1024).contains(bytes) else {
            throw StorageError.invalid("The object name must be 1-1024 bytes of UTF-8 (this one is \(bytes)).")
        }
        if name.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw StorageError.invalid("The object name must not contain a carriage return or a line feed.")
        }
        if name.hasPrefix(".well-known/acme-challenge/") {
            throw StorageError.invalid("Object names may not start with .well-known/acme-challenge/.")
        }
        if name.hasSuffix("/") {
            throw StorageError.invalid(
                "The local backend keeps objects as files, so an object name cannot end in '/' ('\(name)').")
        }
        if name.hasPrefix(StorageObjects.temporaryPrefix) || name.contains("/" + StorageObjects.temporaryPrefix) {
            throw StorageError.invalid("Object names may not start with \(StorageObjects.temporaryPrefix) here.")
        }
        do {
            _ = try GCSURI(parsing: "gs://\(bucket)/\(name)")
        } catch let error as GCSPathError {
            throw StorageError.invalid("Invalid object name '\(name)': \(error.detail).")
        }
    }
}
