import AutoMLTestSupport
import Foundation
import Testing

/// The built binary driven through pipes, as scripts and CI use it.
@Suite(.serialized) struct PipedTranscriptTests {
    @Test func pipedTranscriptRunsOnTheLocalServer() throws {
        let harness = try BinaryHarness()
        let csv = try TestImages.classificationDataset(in: harness.gcsRoot, labels: ["daisy", "tulip"], perLabel: 12)
        let result = try harness.run(
            [],
            input: """
                dataset create flowers
                dataset import \(csv)
                watch
                set format value(displayName,exampleCount)
                dataset get
                """)
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.hasSuffix("flowers\t24\n"))
        #expect(!result.out.contains("\u{1B}["), "no colour when piped")
        #expect(!result.out.contains("automl local"), "no prompt when piped")
    }

    /// Found trying the shell as a new user: tables piped to a file or `less` were cut to 80 columns (`DISPL…`).
    @Test func tablesInAPipeAreNeverCut() throws {
        let harness = try BinaryHarness()
        let name = "a_display_name_of_thirty_two_ch"
        let result = try harness.run(
            ["-c", "dataset create \(name); datasets --format table"], environment: ["COLUMNS": "30"])
        #expect(result.status == 0, "stderr: \(result.err)")
        let lines = result.out.split(separator: "\n").drop { !$0.hasPrefix("ID ") }
        #expect(lines.first?.contains("DISPLAY NAME") == true, "\(result.out)")
        #expect(lines.count == 2 && lines.last?.contains(name) == true && !result.out.contains("…"), "\(result.out)")
    }

    @Test func colourIsAskedForWithColorAndNeverOtherwiseInAPipe() throws {
        let harness = try BinaryHarness()
        let always = try harness.run(["--color", "always", "context", "--format", "table"])
        #expect(always.status == 0 && always.out.contains("\u{1B}["), "\(always)")
        let auto = try harness.run(["context", "--format", "table"])
        #expect(auto.status == 0 && !auto.out.contains("\u{1B}["))
        let bad = try harness.run(["--color", "sometimes", "context"])
        #expect(bad.status == 2 && bad.err.contains("--color takes auto, always or never"))
    }

    @Test func oneShotCommandsAndTheirExitCodes() throws {
        let harness = try BinaryHarness()
        let created = try harness.run(["dataset", "create", "flowers"])
        #expect(created.status == 0, "stderr: \(created.err)")
        let listed = try harness.run(["--format", "value(displayName)", "datasets"])
        #expect(listed.out == "flowers\n")
        let missing = try harness.run(["model", "get", "ICN404"])
        #expect(missing.status == 1)
        #expect(missing.err.contains("error: NOT_FOUND"))
        let usage = try harness.run(["train", "--budget"])
        #expect(usage.status == 2)
        let help = try harness.run(["help", "train"])
        #expect(help.status == 0)
        #expect(help.out.contains("--budget <budget>"))
        let commands = try harness.run(["-c", "context; set format value(location)"])
        #expect(commands.status == 0)
    }

    /// A bearer token must not cross a network in the clear: plain http:// to another machine needs --insecure.
    /// (Nothing is sent anywhere: the refusal comes before any connection.)
    @Test func plainHTTPToAnotherMachineIsRefusedUnlessInsecure() throws {
        let harness = try BinaryHarness()
        let refused = try harness.run(["--endpoint", "http://192.0.2.7:8080", "--project", "p", "datasets"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("plain HTTP to another machine"))
        #expect(refused.err.contains("--insecure"))
        let alsoInScripts = try harness.run(["-c", "use endpoint http://192.0.2.7:8080; use project p; datasets"])
        #expect(alsoInScripts.status == 1)
        #expect(alsoInScripts.err.contains("plain HTTP to another machine"))
    }

    /// Found by the secrets sweep: `use endpoint http://…?access_token=T` put T in the prompt, the note and the
    /// session file. An endpoint with a user, password, query or fragment is refused without repeating them.
    @Test(arguments: [
        "http://127.0.0.1:9/?access_token=SECRET7", "http://user:SECRET7@127.0.0.1:9", "https://h.example/#SECRET7",
    ])
    func anEndpointCarryingCredentialsIsRefusedWithoutRepeatingThem(endpoint: String) throws {
        let harness = try BinaryHarness()
        for arguments in [["--endpoint", endpoint, "context"], ["-c", "use endpoint '\(endpoint)'"]] {
            let refused = try harness.run(arguments)
            #expect(refused.status != 0)
            #expect(refused.err.contains("an endpoint is a server's address alone"), "\(refused.err)")
            #expect(!(refused.out + refused.err).contains("SECRET7"))
        }
        let saved = harness.home.path
        let files = FileManager.default.enumerator(atPath: saved)?.compactMap { $0 as? String } ?? []
        for file in files {
            let text = (try? String(contentsOfFile: saved + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains("SECRET7"), "\(file)")
        }
    }

    /// Found in review: a spelling that is not http(s) was repeated whole (`HTTPS://user:token@host`), and
    /// `dataset import --bucket` took names Cloud Storage refuses.
    @Test func badEndpointsAreNotRepeatedAndBadImportBucketsAreRefused() throws {
        let harness = try BinaryHarness()
        let refused = try harness.run(["--endpoint", "HTTPS://user:SECRET7@example.com", "context"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("that is not an endpoint"))
        #expect(!(refused.out + refused.err).contains("SECRET7"))
        let folder = harness.home.appendingPathComponent("photos/daisy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TestImages.png(color: (200, 200, 40)).write(to: folder.appendingPathComponent("1.png"))
        let photos = harness.home.appendingPathComponent("photos").path
        let imported = try harness.run(["-c", "dataset create flowers; dataset import \(photos)/ --bucket a..b"])
        #expect(imported.status == 1)
        #expect(imported.err.contains("\"a..b\" is not a bucket name"), "\(imported.err)")
    }

    @Test func scriptAgainstARunningEmulatorStopsAtTheFirstError() throws {
        let harness = try BinaryHarness()
        let data = harness.home.appendingPathComponent("server")
        let server = try EmulatorProcess.start(["--data-dir", data.path])
        defer { server.stop(signal: SIGTERM) }
        let result = try harness.run(
            ["--endpoint", server.baseURL, "--project", "seed-project"],
            input: """
                dataset create flowers
                model get ICN404
                datasets
                """)
        #expect(result.status == 1)
        #expect(result.err.contains("NOT_FOUND"))
        #expect(!result.out.contains("\"datasets\""), "the script stopped")
        #expect(result.out.contains("projects/seed-project/locations/us-central1/datasets/ICN"))

        let unreachable = try harness.run(["--endpoint", "http://127.0.0.1:9", "--project", "p", "datasets"])
        #expect(unreachable.status == 1)
        #expect(unreachable.err.contains("connect failed"))
        #expect(unreachable.err.split(separator: "\n").count <= 2, "one clear line and a hint")
    }
}
