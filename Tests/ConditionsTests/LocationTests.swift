import AuditBasics
import Conditions
import Testing

/// The fixtures put each node on its own line (see `book` and `desk`), so a location's line
/// says which node an outcome points at.
@Suite("Location propagation")
struct LocationTests {
    @Test(
        "results point at the node that decided them",
        arguments: [
            ("target.storage.location", 14),  // a field access: the field
            ("target.storage.location == 'open_table'", 14),  // comparison: the left operand
            ("'open_table' == target.storage.location", 14),  // ... or the right when the left has none
            ("target.retention.days + 1", 16),  // operator: the first operand with a location
            ("1 + target.retention.days", 16),
            ("!target.signed", 23),
            ("size(target.fields)", 18),
            ("target.id.startsWith('b')", 11),
            ("is_sensitive(target.fields[2], venue.jurisdiction)", 21),  // extension: first argument
            // && false because of its right operand: that operand's location
            ("target.storage.medium == 'paper' && target.storage.location == 'locked_drawer'", 14),
            // && false because of its left operand
            ("target.storage.medium == 'digital' && target.storage.location == 'open_table'", 13),
            // || false on both sides: the first alternative (the main requirement; later ones are exceptions)
            ("target.storage.medium == 'digital' || target.storage.location == 'locked_drawer'", 13),
            // && true on both sides: the left operand likewise
            ("target.storage.medium == 'paper' && target.storage.location == 'open_table'", 13),
            // || true because of its right operand
            ("target.storage.medium == 'digital' || target.storage.location == 'open_table'", 14),
            ("target.fields.all(f, f != 'phone')", 20),  // all: where the first failing predicate points
            ("target.fields.exists(f, f == 'id_number')", 21),  // exists: the element that made it true
            ("target.fields.exists_one(f, f == 'name')", 19),
            ("'phone' in target.fields", 20),  // membership: the matching element
            // over maps: the field inside the element that decided the predicate
            ("collection_points.all(p, p.storage.location != 'open_table')", 14),
            ("collection_points.exists(p, p.retention.days < 20)", 37),
            ("target.fields.filter(f, f != 'name')", 18),
            ("target.fields.all(f, f != 'body_temperature')", 18),  // all true: the list
            ("has(target.storage.location)", 14),
            ("has(target.retention.oldest_record_date)", 15),  // false: the nearest recorded parent
            ("target.signed ? target.id : 'none'", 11),
        ])
    func decidingNode(source: String, line: Int) throws {
        #expect(try run(source).location == at(line), "\(source)")
    }

    @Test("days_between points at its first argument")
    func daysBetween() throws {
        let outcome = try run("days_between(target.retention.oldest_record_date, assessment.date)", target: desk)
        #expect(show(outcome) == "71")
        #expect(outcome.location == at(36))
    }

    @Test("a missing date is unknown at the retention map, naming the missing path")
    func retentionExample() throws {
        let outcome = try run(
            "days_between(target.retention.oldest_record_date, assessment.date) <= params.max_retention_days"
        )
        guard case .unknown(let unknown) = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(unknown.path == "target.retention.oldest_record_date")
        #expect(unknown.location == at(15))
    }

    @Test("an unknown inside a macro names the path through the bound variable")
    func unknownInMacro() throws {
        guard case .unknown(let unknown) = try run("collection_points.all(p, p.retention.oldest_record_date < as_of)") else {
            Issue.record("expected unknown")
            return
        }
        #expect(unknown.path == "p.retention.oldest_record_date")
        #expect(unknown.location == at(15))
    }

    @Test("a failed requirement with evidence points where the evidence came from")
    func evidenceRecord() throws {
        let compiler = Vocabulary.compiler
        let evidence = try compiler.compile("days_between(target.retention.oldest_record_date, assessment.date)")
        let require = try compiler.compile("evidence.days_kept <= params.max_retention_days", expecting: .bool)

        for (target, want, line) in [(desk, "false", 36), (book, "unknown", 15)] {
            var bindings = standardBindings(target: target)
            bindings.bind("evidence", fields: ["days_kept": evidence.evaluate(bindings)])
            let outcome = require.evaluate(bindings)
            #expect(show(outcome) == want)
            #expect(outcome.location == at(line))
            if case .unknown(let unknown) = outcome {
                #expect(unknown.path == "target.retention.oldest_record_date")
            }
        }
    }

    @Test("a variable bound to an outcome gives that outcome")
    func boundOutcome() throws {
        var bindings = standardBindings()
        bindings.bind("ui", to: .unknown(Unknown(path: "somewhere.else", location: at(77))))
        let outcome = try Vocabulary.compiler.compile("ui + 1 > 2").evaluate(bindings)
        guard case .unknown(let unknown) = outcome else {
            Issue.record("expected unknown")
            return
        }
        #expect(unknown.path == "somewhere.else")
        #expect(unknown.location == at(77))
        bindings.bind("ui", to: .value(Fact(.int(5), at: at(78))))
        #expect(try Vocabulary.compiler.compile("ui + 1 > 2").evaluate(bindings).location == at(78))
    }
}
