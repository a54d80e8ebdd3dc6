import ArgumentParser

/// `automl-emulator`: the local backend's server. `automl emulator …` runs it.
@main
enum Main {
    static func main() async {
        await EmulatorCommand.main()
    }
}
