import AuditBasics
import Testing
import VenueModel
import YAMLReader

private func decode(_ text: String) throws -> VenueDescription {
    let docs = try YAMLReader().readAll(text, file: "v.yaml")
    return VenueDecoder.decode(try #require(docs.first), file: "v.yaml")
}

private let header = "format: venue-audit/1\nvenue: { id: V-1, type: shopping_mall, jurisdiction: CN }\n"

@Suite("Venue decoder")
struct VenueDecoderTests {
    @Test("a valid description decodes to typed, located facts without diagnostics")
    func validDescription() throws {
        let v = try decode(
            header + """
                assessment: { kind: inspection, date: 2020-12-10, emergency_in_force: true }
                collection_points:
                  - id: book
                    method: paper_register
                    fields: [name, id_number]
                    retention: { policy_days: 28, oldest_record_date: 2020-09-30 }
                incidents:
                  - { kind: disclosure, records_affected: 1, reported_to_authority_within_hours: null }
                """)
        #expect(v.diagnostics.isEmpty)
        #expect(v.venueID == "V-1")
        #expect(v.assessmentDate == CivilDate(year: 2020, month: 12, day: 10))
        let oldest = try #require(v.facts.resolve(path: "collection_points[book].retention.oldest_record_date"))
        guard case .date(let d) = oldest.value else {
            Issue.record("not a date")
            return
        }
        #expect(d.description == "2020-09-30")
        #expect(oldest.location == FileLocation(file: "v.yaml", line: 8, column: 55))
        guard case .int(28)? = v.facts.resolve(path: "collection_points[0].retention.policy_days")?.value else {
            Issue.record("policy_days is not the int 28")
            return
        }
        guard case .null? = v.facts.resolve(path: "incidents[0].reported_to_authority_within_hours")?.value else {
            Issue.record("an explicit null must stay null")
            return
        }
    }

    @Test("a missing field stays absent: never filled with a default")
    func missingStaysMissing() throws {
        let v = try decode(header + "collection_points:\n  - id: book\n    storage: { medium: paper }\n")
        #expect(v.facts.resolve(path: "collection_points[book].storage.location") == nil)
        #expect(v.facts.resolve(path: "collection_points[book].retention") == nil)
        #expect(v.facts.resolve(path: "assessment") == nil)
    }

    @Test("an unknown field is a warning with a suggestion")
    func unknownField() throws {
        let v = try decode(header + "collection_points:\n  - id: a\n    retention: { polcy_days: 28 }\n")
        let d = try #require(v.diagnostics.first)
        #expect(v.diagnostics.count == 1)
        #expect(d.severity == .warning)
        #expect(d.code == "unknown-field")
        #expect(d.location == FileLocation(file: "v.yaml", line: 5, column: 18))
        #expect(d.notes == ["did you mean 'policy_days'?"])
        #expect(v.isValid)
    }

    @Test("a misspelt enum value is an error listing the valid values")
    func misspeltEnum() throws {
        let v = try decode(header + "collection_points:\n  - id: a\n    storage: { location: open_tabel }\n")
        let d = try #require(v.diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.location == FileLocation(file: "v.yaml", line: 5, column: 26))
        #expect(d.message.contains("expected one of open_table, staffed_desk"))
        #expect(d.notes == ["did you mean 'open_table'?"])
        #expect(v.facts.resolve(path: "collection_points[a].storage.location") == nil)
        #expect(!v.isValid)
    }

    @Test("an impossible date is an error, not a guess", arguments: ["2020-13-45", "2021-02-29", "2020-12-1", "yesterday"])
    func badDate(_ text: String) throws {
        let v = try decode(header + "assessment: { date: \(text) }\n")
        let d = try #require(v.diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.code == "bad-value")
        #expect(d.location == FileLocation(file: "v.yaml", line: 3, column: 21))
        #expect(d.message.contains(text))
    }

    @Test("a date known only to the month is kept as such where the day may be unknown, and refused for the assessment")
    func monthOnlyDates() throws {
        let v = try decode(
            header + "assessment: { kind: inspection, date: 2022-06-10 }\n"
                + "collection_points:\n  - id: a\n    retention: { oldest_record_date: 2022-03 }\n"
                + "incidents:\n  - { date: 2021-11, kind: loss }\n")
        #expect(v.diagnostics.isEmpty, "\(v.diagnostics)")
        let oldest = try #require(v.facts.resolve(path: "collection_points[0].retention.oldest_record_date"))
        guard case .date(let month) = oldest.value else { Issue.record("not a date: \(oldest.value)"); return }
        #expect(!month.dayKnown && month.year == 2022 && month.month == 3)
        #expect(month.description == "2022-03")
        #expect(v.facts.resolve(path: "incidents[0].date").map { "\($0.value)" }?.contains("2021") == true)

        let visit = try decode(header + "assessment: { kind: inspection, date: 2022-06 }\n")
        let d = try #require(visit.diagnostics.first)
        #expect(d.severity == .error && d.code == "bad-value")
        #expect(d.message == "'assessment.date' needs the day: write YYYY-MM-DD, not '2022-06'")
        for bad in ["2022-13", "2022-3", "22-03"] {
            let v = try decode(header + "collection_points:\n  - id: a\n    retention: { oldest_record_date: \(bad) }\n")
            #expect(v.diagnostics.first?.code == "bad-value", "\(bad)")
        }
    }

    @Test("a single word where a list belongs gets a hint that would be valid: [] for none")
    func listHints() throws {
        let none = try decode(header + "incidents: none\n")
        #expect(none.diagnostics.first?.notes == ["write [] for an empty list"])
        let method = try decode(header + "collection_points: book\n")
        #expect(method.diagnostics.first?.notes == ["write a list of collection point maps, or [] for none"])
        let field = try decode(header + "collection_points:\n  - id: a\n    fields: phone\n")
        #expect(field.diagnostics.first?.notes == ["write a list, e.g. [phone], or [] for none"])
    }

    @Test("wrong types are errors naming the field and what was expected")
    func wrongTypes() throws {
        let v = try decode(
            header + "collection_points:\n  - id: a\n    fields: phone\n    access: { staff_with_access: many, trained: maybe }\n")
        let messages = v.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(
            messages == [
                "5:13 'collection_points[0].fields' must be a list, not 'phone'",
                "6:34 'collection_points[0].access.staff_with_access' must be a whole number, not 'many'",
                "6:49 'collection_points[0].access.trained' must be true or false, not 'maybe'",
            ])
    }

    @Test("quoted numbers and booleans are not silently converted")
    func quotedScalarsStayStrings() throws {
        let v = try decode(header + "collection_points:\n  - id: a\n    access: { trained: 'true' }\n")
        #expect(v.diagnostics.first?.message.contains("true or false") == true)
    }

    @Test("a list at the top level is an error")
    func topLevelList() throws {
        let v = try decode("- a\n- b\n")
        #expect(v.diagnostics.first?.code == "wrong-type")
        #expect(v.diagnostics.first?.location == FileLocation(file: "v.yaml", line: 1, column: 1))
    }

    @Test("venue and its id are required; duplicate collection point ids are errors")
    func requiredAndDuplicates() throws {
        let noVenue = try decode("format: venue-audit/1\nassessment: { kind: inspection }\n")
        #expect(noVenue.diagnostics.contains { $0.code == "missing-field" && $0.message.contains("'venue'") })
        let dup = try decode(header + "collection_points:\n  - id: a\n  - id: a\n")
        #expect(dup.diagnostics.contains { $0.code == "duplicate-id" && $0.location?.line == 5 })
    }

    @Test("references to collection points that do not exist are warnings with a suggestion")
    func danglingReference() throws {
        let v = try decode(
            header + "collection_points:\n  - id: north-gate\nobservations:\n  - { at: north-gat, kind: other }\n")
        let d = try #require(v.diagnostics.first)
        #expect(d.severity == .warning)
        #expect(d.code == "unknown-reference")
        #expect(d.notes == ["did you mean 'north-gate'?"])
    }
}
