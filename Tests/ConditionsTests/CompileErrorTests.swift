import AuditBasics
import Conditions
import Testing

@Suite("Errors reported when a pack loads")
struct CompileErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var column: Int
        var message: String
        var line = 1
        var expecting: ConditionType?
        var testDescription: String { source }
    }

    @Test(
        "each problem has its message and column",
        arguments: [
            // syntax
            Case(source: "(target.id))", column: 12, message: "unexpected token ')'"),
            Case(source: "target.id == \"book", column: 14, message: "unterminated string"),
            Case(source: "target.id == 'book", column: 14, message: "unterminated string"),
            Case(source: "1 +", column: 4, message: "unexpected end of expression"),
            Case(source: "target.id = 'x'", column: 11, message: "unexpected character '='; use '==' to compare"),
            Case(source: "'a\\q'", column: 3, message: "unknown escape '\\q' in string"),
            Case(source: "target.", column: 8, message: "unexpected end of expression; expected a field name"),
            Case(source: "size(1,)", column: 8, message: "unexpected token ')'"),
            Case(source: "99999999999999999999", column: 1, message: "integer 99999999999999999999 is out of range"),
            Case(source: "9223372036854775808", column: 1, message: "integer 9223372036854775808 is out of range"),
            // names
            Case(source: "venu.id == 'x'", column: 1, message: "unknown name 'venu'; did you mean 'venue'?"),
            Case(
                source: "target.storage.locaton == 'x'", column: 16,
                message: "'storage' has no field 'locaton'; did you mean 'location'?"),
            Case(
                source: "target['stroage'].medium == 'x'", column: 8,
                message: "'target' has no field 'stroage'; did you mean 'storage'?"),
            Case(
                source: "params.max_retention_day > 1", column: 8,
                message: "'params' has no field 'max_retention_day'; did you mean 'max_retention_days'?"),
            Case(source: "[1].all(v, w > 0)", column: 12, message: "unknown name 'w'"),
            Case(source: "[1].all(v, v > 0) && v > 0", column: 22, message: "unknown name 'v'"),
            // enumeration values
            Case(
                source: "target.storage.location == 'open_tabel'", column: 28,
                message: "'open_tabel' is not a value of storage location; expected one of open_table, staffed_desk, "
                    + "locked_drawer, locked_room; did you mean 'open_table'?"),
            Case(
                source: "'open_tabel' != target.storage.location", column: 1,
                message: "'open_tabel' is not a value of storage location; expected one of open_table, staffed_desk, "
                    + "locked_drawer, locked_room; did you mean 'open_table'?"),
            Case(
                source: "'phon' in target.fields", column: 1,
                message: "'phon' is not a value of field name; expected one of name, phone, id_number, "
                    + "body_temperature; did you mean 'phone'?"),
            Case(
                source: "target.fields.exists(f, f == 'body_temp')", column: 30,
                message: "'body_temp' is not a value of field name; expected one of name, phone, id_number, "
                    + "body_temperature"),
            Case(
                source: "target.storage.location in ['open_table', 'desk']", column: 43,
                message: "'desk' is not a value of storage location; expected one of open_table, staffed_desk, "
                    + "locked_drawer, locked_room"),
            Case(
                source: "field_category('phon') == 'contact'", column: 16,
                message: "'phon' is not a value of field name; expected one of name, phone, id_number, "
                    + "body_temperature; did you mean 'phone'?"),
            // functions and methods
            Case(
                source: "is_sensitiv('phone', 'CN')", column: 1,
                message: "unknown function 'is_sensitiv'; did you mean 'is_sensitive'?"),
            Case(
                source: "target.id.startswith('b')", column: 11,
                message: "unknown method 'startswith'; did you mean 'startsWith'?"),
            Case(source: "startsWith(target.id, 'b')", column: 1, message: "'startsWith' is a method; call it as x.startsWith(...)"),
            Case(source: "size(1, 2)", column: 1, message: "size() takes 1 argument, got 2"),
            Case(source: "target.id.startsWith()", column: 11, message: "startsWith() takes 1 argument, got 0"),
            Case(source: "is_sensitive('phone')", column: 1, message: "is_sensitive() takes 2 arguments, got 1"),
            Case(source: "days_between(as_of)", column: 1, message: "days_between() takes 2 arguments, got 1"),
            Case(source: "target.fields.all(f)", column: 15, message: "all() takes 2 arguments, a variable name and an expression, got 1"),
            Case(source: "target.fields.all('f', true)", column: 19, message: "the first argument of all() must be a variable name"),
            Case(source: "has(target)", column: 1, message: "has() expects one field selection, such as has(a.b)"),
            // types
            Case(source: "\"a\" < 3", column: 5, message: "cannot compare string with int using '<'"),
            Case(source: "size(5)", column: 6, message: "size() expects string, list or map, got int"),
            Case(source: "!\"x\"", column: 1, message: "'!' expects bool, got string"),
            Case(source: "1 + \"a\"", column: 3, message: "cannot apply '+' to int and string"),
            Case(source: "date(\"2020-13-45\") < as_of", column: 6, message: "'2020-13-45' is not a valid date; expected YYYY-MM-DD"),
            Case(source: "target.id == 3", column: 11, message: "cannot compare string with int"),
            Case(source: "target.retention.days && true", column: 1, message: "'&&' expects bool, got int"),
            Case(source: "as_of < '2020-01-01'", column: 7, message: "cannot compare date with string using '<'"),
            Case(source: "days_between('2020-01-01', as_of)", column: 14, message: "days_between() expects date, got string"),
            Case(source: "target.id.size() + target.fields", column: 18, message: "cannot apply '+' to int and list(string)"),
            Case(source: "target.fields.all(f, f)", column: 22, message: "all() expects a bool expression, got string"),
            Case(source: "target.id.all(c, true)", column: 11, message: "all() expects a list, got string"),
            Case(source: "target.id.matches('[a-')", column: 19, message: "invalid regular expression '[a-'"),
            // Issue 20, item 8: patterns are literals for the linear-time matcher; nothing else.
            Case(source: "target.id.matches(target.id)", column: 19, message: "matches() takes a literal pattern"),
            Case(source: "target.id.matches('(a)\\\\1')", column: 19, message: "invalid regular expression '(a)\\1': back-references"),
            Case(source: "target.id.matches('a(?=b)')", column: 19, message: "invalid regular expression 'a(?=b)': look-around"),
            Case(
                source: "target.id.matches('a{1000}')", column: 19,
                message: "invalid regular expression 'a{1000}': a repetition count above 100"),
            Case(source: "is_sensitive(1, 'CN')", column: 14, message: "is_sensitive() expects string as argument 1, got int"),
            Case(source: "target.id.field", column: 11, message: "cannot read field 'field' of string"),
            Case(source: "target.fields['a']", column: 15, message: "list index must be int, got string"),
            Case(source: "5 in target.id", column: 3, message: "'in' needs a list or map on the right, got string"),
            Case(source: "1 in target.fields", column: 3, message: "cannot look for int in list(string)"),
            Case(source: "{1: 'a'}", column: 2, message: "map keys must be strings, got int"),
            Case(source: "target.signed ? 1 : 2", column: 1, message: "the expression must be bool, got int", expecting: .bool),
            Case(source: "target.id", column: 1, message: "the expression must be bool, got string", expecting: .bool),
            // lines
            Case(
                source: "target.id == 'x' &&\n  target.storage.locaton == 'y'", column: 18,
                message: "'storage' has no field 'locaton'; did you mean 'location'?", line: 2),
        ])
    func reported(_ c: Case) throws {
        let error = try #require(compileError(c.source, expecting: c.expecting))
        let problem = try #require(error.problems.first)
        #expect(problem.message.hasPrefix(c.message), "\(problem.message)")
        #expect(problem.column == c.column)
        #expect(problem.line == c.line)
        #expect(error.column == c.column)
        #expect(error.message == problem.message)
    }

    @Test("name and type problems are all reported, in order")
    func severalProblems() throws {
        let error = try #require(compileError("venu.id == 'x' && size(5) > 0 && target.storage.locaton == 'open_table'"))
        #expect(error.problems.map(\.column) == [1, 24, 49])
        #expect(
            error.problems.map(\.code) == [
                ConditionError.Code.unknownName, ConditionError.Code.type, ConditionError.Code.unknownName,
            ])
        #expect(error.description.hasPrefix("1:1: unknown name 'venu'"))
    }

    @Test("problems map to diagnostics in the pack file")
    func diagnostics() throws {
        let error = try #require(compileError("target.storage.location == 'open_tabel'"))
        let diagnostics = error.diagnostics { line, column in
            FileLocation(file: "packs/cn-pipl.yaml", line: 20 + line - 1, column: 14 + column - 1)
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "condition-bad-value")
        #expect(diagnostics.first?.location == FileLocation(file: "packs/cn-pipl.yaml", line: 20, column: 41))
    }

    @Test(
        "valid expressions compile with the expected result type",
        arguments: [
            "target.storage.location == 'open_table'",
            "target.retention.policy == null || target.retention.policy.startsWith('x')",
            "x",  // dyn is accepted where bool is expected
            "target.fields.exists(f, is_sensitive(f, venue.jurisdiction))",
            "days_between(target.retention.oldest_record_date, assessment.date) <= params.max_retention_days",
            "target.visitors_per_day > 10.5",
            "'open_table' in ['open_table', target.storage.location]",
            "// a comment\ntarget.signed",
        ])
    func compiles(source: String) {
        #expect(compileError(source, expecting: .bool) == nil)
    }

    @Test("registering a built-in name is refused")
    func builtinNamesReserved() {
        var library = FunctionLibrary()
        #expect(library.register("size", parameters: [.string], result: .int) { _ in .value(Fact(.int(0))) } == false)
        #expect(library.function(named: "size") == nil)
    }
}
