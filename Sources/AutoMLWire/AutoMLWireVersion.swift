/// The package's version: the client's `User-Agent`, the server's `--version`, and the address file's `version`.
public enum AutoMLWireVersion {
    public static let current = "0.1.0"
}
