import AuditBasics
import Testing
import VenueModel

@Suite("Venue file reader")
struct VenueFileReaderTests {
    private func document(_ id: String) -> String {
        "format: venue-audit/1\nvenue: { id: \(id), type: shopping_mall, jurisdiction: CN }\n"
            + "assessment: { kind: inspection, date: 2020-12-10 }\n"
    }

    @Test("documents are handed over one at a time, in order, before a later error stops the file")
    func streamsDocumentsUntilAnError() throws {
        let text = "---\n" + document("A") + "---\n" + document("B") + "---\nvenue: [unclosed\n"
        var seen: [String] = []
        var sources: Set<String> = []
        let (_, error) = VenueFileReader().read(bytes: Array(text.utf8), path: "m.yaml") { venue, source in
            seen.append(venue.venueID ?? "?")
            sources.insert(source.path)
        }
        #expect(seen == ["A", "B"])
        #expect(sources == ["m.yaml"])
        let problem = try #require(error)
        #expect(problem.severity == .error)
        #expect((problem.location?.line ?? 0) >= 10)  // in the third document, not the first two
    }

    @Test("the collecting form gives the same venues and error as the streaming form")
    func collectingMatchesStreaming() {
        let text = "---\n" + document("A") + "---\n" + document("B")
        var streamed: [String] = []
        let (_, error) = VenueFileReader().read(bytes: Array(text.utf8), path: "m.yaml") { venue, _ in
            streamed.append(venue.venueID ?? "?")
        }
        let collected = VenueFileReader().read(bytes: Array(text.utf8), path: "m.yaml")
        #expect(error == nil && collected.error == nil)
        #expect(collected.venues.map { $0.venueID ?? "?" } == streamed)
        #expect(streamed == ["A", "B"])
    }

    @Test("an empty file is an error and hands over nothing")
    func emptyFile() {
        var calls = 0
        let (_, error) = VenueFileReader().read(bytes: Array(" \n\n".utf8), path: "e.yaml") { _, _ in calls += 1 }
        #expect(calls == 0)
        #expect(error?.message.contains("empty file") == true)
    }
}
