import AuditBasics
import Conditions
import Testing

@Suite("Runtime errors are outcomes, never traps")
struct RuntimeErrorTests {
    static let wrongTypes: [String: Fact] = [
        "x": Fact(.string("text"), at: at(90)),
        "n": Fact(.int(0), at: at(91)),
        "s": Fact(.int(Int.max), at: at(92)),
        "l": Fact(.list([Fact(.int(1))]), at: at(93)),
    ]

    @Test(
        "wrong kinds, zero divisors, ranges and overflow give an error outcome",
        arguments: [
            "x + 1", "x - 1", "-x", "!x", "x && true", "true && x", "x || false", "x ? 1 : 2", "x < 1", "x.field",
            "x[0]", "l[5]", "l[-1]", "l['a']", "1 / n", "1 % n", "s + 1", "s * 2", "-s - 2", "-(-9223372036854775807 - 1)",
            "x in n", "1 in x", "size(n)", "int(x)", "int(1e300)", "double(x)", "date(x)", "string(l)",
            "days_between(x, as_of)", "x.startsWith(n)", "n.lowerAscii()",
            "x.all(v, true)", "l.all(v, v)", "l.exists(v, n)", "l.filter(v, v)", "l.map(v, v / n)",
            "broken()", "is_sensitive(n, 'CN')", "{x: 1, x: 2}", "{n: 1}",
            "days_between(target.retention.oldest_record_date, assessment.date)",
        ])
    func errorOutcome(source: String) throws {
        let wrongDate = map(10, [("retention", map(15, [("oldest_record_date", string("31/03/2022", 36))]))])
        #expect(show(try run(source, target: wrongDate, Self.wrongTypes)) == "error")
    }

    @Test("an error names the problem and points at the offending value")
    func errorMessage() throws {
        let outcome = try run("x + 1", Self.wrongTypes)
        guard case .error(let message, let location) = outcome else {
            Issue.record("expected an error, got \(outcome)")
            return
        }
        #expect(message == "cannot apply '+' to string and int")
        #expect(location == at(90))
    }

    @Test("the data's wrong type for a typed field is an error, not a crash")
    func wrongTypeForDeclaredField() throws {
        let odd = map(10, [("storage", string("paper", 12)), ("fields", string("name", 18))])
        #expect(show(try run("target.storage.location == 'open_table'", target: odd)) == "error")
        #expect(show(try run("target.fields.exists(f, f == 'name')", target: odd)) == "error")
        #expect(show(try run("target.fields[0] == 'name'", target: odd)) == "error")
    }
}
