import AuditBasics
import Conditions
import Testing

@Suite("Unknown propagation")
struct UnknownTests {
    /// Every operator, function and macro with an unknown operand (`ui us ud ul ub` are
    /// declared and unbound; `target.retention.oldest_record_date` is absent from the data).
    @Test(arguments: [
        "ui + 1", "1 + ui", "ui - 1", "ui * 2", "ui / 2", "ui % 2", "-ui",
        "ui == 1", "1 == ui", "ui != 1", "ui < 1", "1 <= ui", "ui > 1", "ui >= 1",
        "ui in [1, 2]", "1 in ul", "us in {'a': 1}",
        "us + 'x'", "ul + [1]", "[ui]", "{'a': ui}", "{us: 1}", "ul[0]", "[1, 2][ui]",
        "size(us)", "us.size()", "size(ul)", "int(us)", "double(ui)", "string(ui)", "date(us)",
        "days_between(ud, date('2020-01-01'))", "days_between(date('2020-01-01'), ud)",
        "us.startsWith('a')", "'abc'.startsWith(us)", "us.endsWith('a')", "us.contains('a')",
        "us.matches('^a')", "us.lowerAscii()",
        "ul.all(v, v > 0)", "ul.exists(v, v > 0)", "ul.exists_one(v, v > 0)", "ul.filter(v, v > 0)",
        "ul.map(v, v * 2)",
        "[1, 2].all(v, v > ui)", "[1, 2].exists(v, v == ui)", "[1, 2].exists_one(v, v == ui)",
        "[1, 2].filter(v, v > ui)", "[1, 2].map(v, v + ui)",
        "ub ? 1 : 2", "!ub", "ub && true", "false || ub",
        "target.retention.oldest_record_date < date('2022-01-01')",
        "days_between(target.retention.oldest_record_date, assessment.date) <= params.max_retention_days",
        "is_sensitive(us, 'CN')", "field_category(us) == 'contact'",
        "target.retention.oldest_record_date == null",
    ])
    func unknownOperandGivesUnknown(source: String) throws {
        #expect(show(try run(source)) == "unknown")
    }

    @Test("macros are known when a deciding element settles them despite unknowns")
    func macrosDecidedDespiteUnknowns() throws {
        #expect(show(try run("[1, 2].all(v, v > 1 && v > ui)")) == "false")
        #expect(show(try run("[1, 2].exists(v, v == 2 || v == ui)")) == "true")
        #expect(show(try run("[1, 2, 3].exists_one(v, v > 1 || v == ui)")) == "false")
    }

    @Test("an unbound variable is unknown with its name as the path")
    func unboundVariable() throws {
        guard case .unknown(let unknown) = try run("ui + 1") else {
            Issue.record("expected unknown")
            return
        }
        #expect(unknown.path == "ui")
        #expect(unknown.location == nil)
    }

    @Test(
        "has() is true or false, never unknown",
        arguments: [
            ("has(target.storage.location)", "true"),
            ("has(target.retention.oldest_record_date)", "false"),
            ("has(target.retention.policy)", "true"),  // present, though null
            ("has(target.notes.anything)", "false"),  // notes absent: a parent is missing
            ("has(x.a.b)", "false"),  // x unbound
            ("has(target.storage.medium) && has(target.storage.location)", "true"),
            ("!has(target.retention.oldest_record_date) || target.retention.oldest_record_date < as_of", "true"),
        ])
    func hasIsNeverUnknown(source: String, want: String) throws {
        #expect(show(try run(source)) == want)
    }

    @Test("null is a value, absent is unknown")
    func nullVersusAbsent() throws {
        #expect(show(try run("target.retention.policy == null")) == "true")
        #expect(show(try run("target.retention.policy != null")) == "false")
        #expect(show(try run("target.retention.policy == null", target: desk)) == "unknown")
        #expect(show(try run("x == null", ["x": Fact(.null)])) == "true")
        #expect(show(try run("x == null")) == "unknown")
        #expect(show(try run("null == null")) == "true")
        #expect(show(try run("'' == null")) == "false")
    }

    @Test("reading a field through an explicit null is unknown, pointing at the null")
    func fieldOfNull() throws {
        let withNull = map(40, [("id", string("x", 41)), ("retention", Fact(.null, at: at(42)))])
        let outcome = try run("target.retention.days > 3", target: withNull)
        guard case .unknown(let unknown) = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(unknown.path == "target.retention.days")
        #expect(unknown.location == at(42))
    }

    @Test("a missing parent names the first missing step")
    func missingParent() throws {
        let bare = map(50, [("id", string("bare", 51))])
        guard case .unknown(let unknown) = try run("target.retention.days > 3", target: bare) else {
            Issue.record("expected unknown")
            return
        }
        #expect(unknown.path == "target.retention")
        #expect(unknown.location == at(50))
    }

    @Test("a map key that is absent is unknown, like a field")
    func absentMapKey() throws {
        #expect(show(try run("x['b']", ["x": map(60, [("a", int(1, 61))])])) == "unknown")
        #expect(show(try run("x['a']", ["x": map(60, [("a", int(1, 61))])])) == "1")
    }
}
