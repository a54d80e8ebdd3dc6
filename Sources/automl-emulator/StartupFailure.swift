/// The server could not start for a reason outside its options (its data folder is in use, its port is taken):
/// ArgumentParser prints `Error: <description>` and exits with status 1, without the usage text.
struct StartupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
