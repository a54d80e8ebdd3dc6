import Testing

@testable import AutoMLShell

/// The endpoint value read from the saved string: the API and the place, back to the same string, and the prompt's
/// name for it.
@Suite struct ShellEndpointTests {
    @Test(
        arguments: [
            (nil, ShellEndpoint.API.automl, ShellEndpoint.Place.localServer),
            ("https://automl.googleapis.com", .automl, .url("https://automl.googleapis.com")),
            ("http://127.0.0.1:8080", .automl, .url("http://127.0.0.1:8080")),
            ("vertex", .vertex, .googleRegional),
            ("vertex:local", .vertex, .localServer),
            ("vertex:http://127.0.0.1:8080/vertex", .vertex, .url("http://127.0.0.1:8080/vertex")),
        ] as [(String?, ShellEndpoint.API, ShellEndpoint.Place)])
    func savedFormsReadAndWriteBack(saved: String?, api: ShellEndpoint.API, place: ShellEndpoint.Place) {
        let endpoint = ShellEndpoint(saved: saved)
        #expect(endpoint.api == api && endpoint.place == place)
        #expect(endpoint.saved == saved)
    }

    @Test func promptNamesAndProjectDefaults() {
        #expect(ShellEndpoint(saved: nil).promptName(serverRunning: false) == "local(off)")
        #expect(ShellEndpoint(saved: nil).promptName(serverRunning: true) == "local")
        #expect(ShellEndpoint(saved: "https://automl.googleapis.com").promptName(serverRunning: nil) == "cloud")
        #expect(ShellEndpoint(saved: "http://127.0.0.1:8080").promptName(serverRunning: nil) == "127.0.0.1:8080")
        #expect(ShellEndpoint(saved: "vertex").promptName(serverRunning: nil) == "vertex")
        #expect(ShellEndpoint(saved: "vertex:local").promptName(serverRunning: false) == "vertex:local(off)")
        #expect(
            ShellEndpoint(saved: "vertex:https://europe-west4-aiplatform.googleapis.com").promptName(serverRunning: nil)
                == "vertex:europe-west4-aiplatform.googleapis.com")
        #expect(ShellEndpoint(saved: nil).defaultProject == "local")
        #expect(ShellEndpoint(saved: "vertex:local").defaultProject == "local")
        #expect(ShellEndpoint(saved: "vertex").defaultProject == nil)
        #expect(ShellEndpoint(saved: "http://127.0.0.1:8080").defaultProject == nil)
    }
}
