/// Cloud Storage's bucket naming rules, for the shell (`set bucket`, `--bucket`) and the local backend (its storage
/// routes and `gs://` URIs) alike.
package enum GCSBucketName {
    /// What is wrong with a bucket name by Cloud Storage's naming rules, or nil: 3–63 characters of lowercase letters,
    /// digits, `-`, `_` and `.`, starting and ending with a letter or digit; with dots up to 222, each dot-separated
    /// part 1–63; not an IPv4 address; not starting with `goog`, not containing `google`.
    package static func problem(_ name: some StringProtocol) -> String? {
        let bytes = Array(name.utf8)
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let punctuation: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")]
        let characters =
            "3-63 characters (up to 222 with dots) of lowercase letters, digits, \"-\", \"_\" and \".\", starting and "
            + "ending with a letter or digit"
        guard (3...(parts.count > 1 ? 222 : 63)).contains(bytes.count), let first = bytes.first, let last = bytes.last,
            isAlphanumeric(first), isAlphanumeric(last),
            bytes.allSatisfy({ isAlphanumeric($0) || punctuation.contains($0) })
        else { return "a bucket name is \(characters)" }
        if parts.contains(where: { $0.isEmpty || $0.utf8.count > 63 }) {
            return "each dot-separated part of a bucket name is 1-63 characters"
        }
        if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) {
            return "a bucket name cannot be an IP address"
        }
        if name.hasPrefix("goog") || name.contains("google") {
            return "a bucket name cannot start with \"goog\" or contain \"google\""
        }
        return nil
    }
}
