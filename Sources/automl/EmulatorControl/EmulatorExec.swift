import AutoMLClient
import Foundation

/// `automl emulator …` (but status, stop, logs, token and start): runs `automl-emulator …` in this process's
/// place, so that its output, its exit status and the signals sent to it are its own.
enum EmulatorExec {
    static func run(_ arguments: [String]) -> Int32 {
        let executable: URL
        do {
            executable = try SiblingExecutable.locate(
                "automl-emulator", override: "AUTOML_EMULATOR",
                in: .process)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 1
        }
        let argv = [executable.path] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        execv(executable.path, &cArguments)
        FileHandle.standardError.write(
            Data("error: cannot run \(executable.path): \(String(cString: strerror(errno)))\n".utf8))
        cArguments.forEach { free($0) }
        return 1
    }
}
