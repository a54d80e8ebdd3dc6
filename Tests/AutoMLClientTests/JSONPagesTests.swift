import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// `forEachPage`: pages as parsed JSON, in order, the next one already requested while the current one is handled.
@Suite struct JSONPagesTests {
    @Test func theNextPageIsRequestedWhileTheCurrentOneIsHandled() async throws {
        try await withLoopbackServer(handler: { request in
            let token = request.query["pageToken"] ?? ""
            let next = ["": "p2", "p2": "p3", "p3": ""][token] ?? ""
            let names = (0..<2).map { #"{"name":"projects/p/locations/l/models/M\#(token)\#($0)"}"# }
            return .json(#"{"model":[\#(names.joined(separator: ","))],"nextPageToken":"\#(next)"}"#)
        }) { server in
            let client = makeClient(server)
            let location = try LocationName(project: "p", location: "l")
            var pages: [[String]] = []
            var requestsSeenWhileHandling: [Int] = []
            let count = try await client.forEachPage(of: .models, in: location, filter: "a=b", pageSize: 2) { items in
                // Handling takes a while; meanwhile the next page (if any) is on its way.
                let deadline = ContinuousClock.now + .seconds(5)
                while server.requests.count == pages.count + 1, pages.count < 2, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
                requestsSeenWhileHandling.append(server.requests.count)
                pages.append(items.compactMap { $0["name"]?.stringValue?.split(separator: "/").last.map(String.init) })
            }
            #expect(count == 6)
            #expect(pages == [["M0", "M1"], ["Mp20", "Mp21"], ["Mp30", "Mp31"]])
            #expect(requestsSeenWhileHandling == [2, 3, 3], "one page ahead, never more")
            #expect(server.requests.allSatisfy { $0.query["filter"] == "a=b" && $0.query["pageSize"] == "2" })
        }
    }

    @Test func aRepeatedPageTokenStopsTheListing() async throws {
        try await withLoopbackServer(handler: { _ in .json(#"{"datasets":[{"name":"x"}],"nextPageToken":"same"}"#) }) {
            server in
            let client = makeClient(server)
            await #expect(throws: TransportError.self) {
                try await client.forEachPage(of: .datasets, in: try LocationName(project: "p", location: "l")) { _ in }
            }
        }
    }
}
