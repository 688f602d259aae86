import AuditBasics
import Testing
import VenueModel
import YAMLReader

private func decode(_ text: String) throws -> VenueDescription {
    let docs = try YAMLReader().readAll(text, file: "v.yaml")
    return VenueDecoder.decode(try #require(docs.first), file: "v.yaml")
}

private let header = "format: venue-audit/1\nvenue: { id: V-1, type: shopping_mall, jurisdiction: CN }\n"

private func text(_ v: VenueDescription, _ path: String) -> String? { v.facts.resolve(path: path)?.string }
private func flag(_ v: VenueDescription, _ path: String) -> Bool? {
    if case .bool(let b)? = v.facts.resolve(path: path)?.value { return b }
    return nil
}

@Suite("Facts implied by the format")
struct ImpliedFactsTests {
    @Test("a government QR point without a medium keeps its data on the government platform, pointing at its method")
    func governmentQR() throws {
        let v = try decode(
            header + """
                collection_points:
                  - { id: qr, method: government_qr, fields: [health_code_status] }
                  - { id: qr2, method: government_qr, storage: { medium: paper } }
                  - { id: book, method: paper_register }
                """)
        #expect(v.diagnostics.isEmpty)
        #expect(text(v, "collection_points[qr].storage.medium") == "government_platform")
        #expect(v.facts.resolve(path: "collection_points[qr].storage.medium")?.location?.line == 4)
        #expect(text(v, "collection_points[qr2].storage.medium") == "paper")
        #expect(v.facts.resolve(path: "collection_points[book].storage") == nil)
    }

    @Test("a book open on a staffed desk by day and locked in a drawer at night sums up to visible, locked when unattended")
    func periods() throws {
        let v = try decode(
            header + """
                collection_points:
                  - id: book
                    method: paper_register
                    storage:
                      medium: paper
                      periods:
                        - { during: business_hours, location: staffed_desk, visible_to_other_visitors: true, attended: always }
                        - { during: after_hours, location: locked_drawer, visible_to_other_visitors: false, attended: never, locked_when_unattended: true }
                """)
        #expect(v.diagnostics.isEmpty)
        #expect(flag(v, "collection_points[book].storage.visible_to_other_visitors") == true)
        #expect(flag(v, "collection_points[book].storage.locked_when_unattended") == true)
        #expect(text(v, "collection_points[book].storage.attended") == "business_hours")
        #expect(text(v, "collection_points[book].storage.location") == "staffed_desk")
        #expect(v.facts.resolve(path: "collection_points[book].storage.visible_to_other_visitors")?.location?.line == 9)
    }

    @Test("an unlocked night period makes the day not locked; an unrecorded one leaves it unknown; written fields win")
    func periodsUnknownAndWritten() throws {
        let v = try decode(
            header + """
                collection_points:
                  - id: a
                    storage:
                      periods:
                        - { during: business_hours, attended: always, location: open_table }
                        - { during: after_hours, attended: never, locked_when_unattended: false, location: locked_drawer }
                  - id: b
                    storage:
                      periods:
                        - { during: business_hours, attended: always }
                        - { during: after_hours, attended: never }
                  - id: c
                    storage:
                      location: back_office
                      periods:
                        - { during: business_hours, location: open_table }
                """)
        #expect(flag(v, "collection_points[a].storage.locked_when_unattended") == false)
        #expect(text(v, "collection_points[a].storage.location") == "open_table")
        #expect(v.facts.resolve(path: "collection_points[a].storage.visible_to_other_visitors") == nil)
        #expect(v.facts.resolve(path: "collection_points[b].storage.locked_when_unattended") == nil)
        #expect(text(v, "collection_points[c].storage.location") == "back_office")
    }

    @Test("a field asked only of visitors without a phone must be one of the point's fields")
    func conditionalFields() throws {
        let v = try decode(
            header + """
                collection_points:
                  - { id: book, fields: [name, phone], fields_if_no_phone: [id_number] }
                """)
        let error = try #require(v.diagnostics.first { $0.code == "conditional-field" })
        #expect(error.location?.line == 4)
        #expect(!v.isValid)
        let ok = try decode(
            header + """
                collection_points:
                  - { id: book, fields: [name, id_number], fields_if_no_phone: [id_number] }
                """)
        #expect(ok.diagnostics.isEmpty)
    }

    @Test("a field a local order required must be one of the point's fields")
    func orderedFields() throws {
        let v = try decode(
            header + """
                collection_points:
                  - id: book
                    fields: [name, phone]
                    required_by_order: { issued_by: district headquarters, date: 2020-02-10, fields: [id_number] }
                """)
        let error = try #require(v.diagnostics.first { $0.code == "conditional-field" })
        #expect(error.message.contains("required_by_order.fields"))
        #expect(error.location?.line == 6)
        #expect(!v.isValid)
        let ok = try decode(
            header + """
                collection_points:
                  - id: book
                    fields: [name, id_number]
                    required_by_order: { issued_by: district headquarters, date: 2020-02-10, fields: [id_number] }
                """)
        #expect(ok.diagnostics.isEmpty)
    }
}
