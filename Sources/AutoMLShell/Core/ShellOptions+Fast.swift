/// `automl`'s own options read without ArgumentParser, for the command lines people type every time.
///
/// ArgumentParser reflects over `ShellOptions` to parse it, which cost a one-shot command about half of its start-up
/// (each generic property wrapper it instantiates looks its conformances up in a table of ~10,000 records). This
/// reads the same options the same way (the command words and everything after them pass through) and gives up
/// on anything else — an unknown option, a missing value, `--help`, `--` — for ArgumentParser to read and report.
/// A test checks both give the same result over many command lines.
extension ShellOptions {
    /// The options, or nil when ArgumentParser must read them.
    package static func fastParse(_ arguments: [String]) -> ShellOptions? {
        var options = ShellOptions()
        (options.endpoint, options.project, options.location, options.format) = (nil, nil, nil, nil)
        options.color = nil
        (options.file, options.command, options.echo, options.words) = (nil, nil, false, [])
        (options.insecure, options.logHTTP, options.noRC) = (false, false, false)
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            guard word.hasPrefix("-"), word != "-" else {
                options.words = Array(arguments[index...])
                return options
            }
            if word == "-x" || word == "--echo" {
                options.echo = true
                index += 1
                continue
            }
            if word == "--insecure" || word == "--log-http" || word == "--no-rc" {
                switch word {
                case "--insecure": options.insecure = true
                case "--log-http": options.logHTTP = true
                default: options.noRC = true
                }
                index += 1
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value: String
            if parts.count == 2 {
                guard name.hasPrefix("--") else { return nil }
                value = String(parts[1])
                index += 1
            } else {
                guard index + 1 < arguments.count else { return nil }
                value = arguments[index + 1]
                // ArgumentParser reads a value that looks like an option as a missing value.
                guard !value.hasPrefix("-") else { return nil }
                index += 2
            }
            switch name {
            case "--endpoint": options.endpoint = value
            case "--project": options.project = value
            case "--location": options.location = value
            case "--format": options.format = value
            case "--color": options.color = value
            case "-f", "--file": options.file = value
            case "-c", "--command": options.command = value
            default: return nil
            }
        }
        return options
    }
}
