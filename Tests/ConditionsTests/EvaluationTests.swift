import AuditBasics
import Conditions
import Testing

@Suite("Evaluation with known values")
struct EvaluationTests {
    @Test(
        "literals",
        arguments: [
            ("42", "42"), ("-3", "-3"), ("1.5", "1.5"), ("-2.5e1", "-25.0"), ("true", "true"), ("null", "null"),
            ("\"a\"", "\"a\""), ("'a'", "\"a\""), (#"'it\'s'"#, #""it's""#), (#""say \"hi\"""#, #""say "hi"""#),
            (#"'a\\b'"#, #""a\b""#), (#"'\u00e9t\u00e9'"#, "\"été\""), (#"r'\d+'"#, #""\d+""#),
            ("[1, 'a', null]", "[1, \"a\", null]"), ("[]", "[]"), ("{'k': 1, 'j': [true]}", "{k: 1, j: [true]}"),
            ("-9223372036854775808", "-9223372036854775808"), ("[1, 2,]", "[1, 2]"),
        ])
    func literals(source: String, want: String) throws {
        #expect(show(try run(source)) == want)
    }

    @Test("escapes \\n and \\t")
    func controlEscapes() throws {
        guard case .value(let fact) = try run(#"'a\nb\tc'"#) else {
            Issue.record("expected a value")
            return
        }
        #expect(fact.string == "a\nb\tc")
    }

    @Test(
        "arithmetic and precedence",
        arguments: [
            ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("7 / 2", "3"), ("-7 / 2", "-3"), ("7 % 3", "1"),
            ("-7 % 3", "-1"), ("10 - 2 - 3", "5"), ("1.5 + 1", "2.5"), ("1 + 1.5", "2.5"), ("3.0 / 2", "1.5"),
            ("2 * 1.5", "3.0"), ("1.0 / 0.0 > 1000000.0", "true"), ("-(1 + 2)", "-3"), ("- -3", "3"),
            ("'ab' + 'cd'", "\"abcd\""), ("[1] + [2, 3]", "[1, 2, 3]"),
            ("1 + 2 == 3 && 2 < 3 || false", "true"), ("true || false && false", "true"),
            ("!true || true", "true"), ("1 < 2 == true", "true"), ("false ? 1 : true ? 2 : 3", "2"),
        ])
    func arithmetic(source: String, want: String) throws {
        #expect(show(try run(source)) == want)
    }

    @Test(
        "comparisons",
        arguments: [
            ("1 == 1", "true"), ("1 != 1", "false"), ("1 == 1.0", "true"), ("2 > 1.5", "true"), ("1.5 < 2", "true"),
            ("3 <= 3", "true"), ("3 >= 4", "false"), ("'abc' < 'abd'", "true"), ("'b' > 'a'", "true"),
            ("'a' == 'a'", "true"), ("true == true", "true"), ("true != false", "true"),
            ("[1, 2] == [1, 2]", "true"), ("[1, 2] == [2, 1]", "false"), ("{'a': 1} == {'a': 1.0}", "true"),
            ("{'a': 1} == {'b': 1}", "false"), ("x == 'a'", "false"), ("x == 1", "true"),
            ("9007199254740993 == 9007199254740992.0", "false"), ("9007199254740993 > 9007199254740992.0", "true"),
        ])
    func comparisons(source: String, want: String) throws {
        #expect(show(try run(source, ["x": Fact(.int(1))])) == want)
    }

    @Test(
        "dates compare chronologically and days_between counts across leap years",
        arguments: [
            ("date('2020-02-28') < date('2020-03-01')", "true"),
            ("date('2021-01-01') > date('2020-12-31')", "true"),
            ("date('2020-12-10') == date('2020-12-10')", "true"),
            ("date('2020-12-10') >= as_of", "false"),
            ("days_between(date('2020-02-28'), date('2020-03-01'))", "2"),
            ("days_between(date('2019-02-28'), date('2019-03-01'))", "1"),
            ("days_between(date('2020-01-01'), date('2021-01-01'))", "366"),
            ("days_between(date('2021-01-01'), date('2022-01-01'))", "365"),
            ("days_between(date('2021-03-01'), date('2020-03-01'))", "-365"),
            ("days_between(date('1999-12-31'), date('2000-03-01'))", "61"),
            ("days_between(target.retention.oldest_record_date, assessment.date)", "71"),
            ("date('2022-03-31') == date(target.retention.oldest_record_date)", "true"),
            ("string(date('2020-02-29'))", "\"2020-02-29\""),
            ("date(s) == date('2020-02-29')", "true"),
        ])
    func dates(source: String, want: String) throws {
        let extra = ["s": Fact(.string("2020-02-29"))]
        #expect(show(try run(source, target: desk, extra)) == want)
    }

    @Test(
        "membership",
        arguments: [
            ("2 in [1, 2, 3]", "true"), ("4 in [1, 2, 3]", "false"), ("2.0 in [1, 2]", "true"),
            ("'phone' in target.fields", "true"), ("'body_temperature' in target.fields", "false"),
            ("'a' in {'a': 1}", "true"), ("'b' in {'a': 1}", "false"), ("'storage' in target", "true"),
            ("target.storage.location in ['open_table', 'staffed_desk']", "true"),
        ])
    func membership(source: String, want: String) throws {
        #expect(show(try run(source)) == want)
    }

    @Test(
        "fields and indexes",
        arguments: [
            ("target.id", "\"book\""), ("target['id']", "\"book\""), ("target.fields[1]", "\"phone\""),
            ("target.storage['location']", "\"open_table\""), ("collection_points[1].id", "\"desk\""),
            ("{'a': {'b': 2}}.a.b", "2"), ("[[1, 2], [3]][1][0]", "3"), ("target.visitors_per_day * 2", "80"),
        ])
    func fieldsAndIndexes(source: String, want: String) throws {
        #expect(show(try run(source)) == want)
    }

    @Test(
        "functions and methods",
        arguments: [
            ("size('héllo')", "5"), ("'abc'.size()", "3"), ("size([1, 2])", "2"), ("size({'a': 1})", "1"),
            ("target.fields.size()", "3"), ("int('42')", "42"), ("int(3.9)", "3"), ("int(-3.9)", "-3"), ("int(7)", "7"),
            ("double(2)", "2.0"), ("double('2.5')", "2.5"), ("string(42)", "\"42\""), ("string(true)", "\"true\""),
            ("string(1.5)", "\"1.5\""), ("string('x')", "\"x\""),
            ("'venue'.startsWith('ven')", "true"), ("'venue'.startsWith('nue')", "false"),
            ("'venue'.endsWith('nue')", "true"), ("'venue'.contains('nu')", "true"), ("'venue'.contains('x')", "false"),
            ("'venue'.contains('')", "true"),
            ("'CN-SC'.matches('^CN(-[A-Z]+)?$')", "true"), ("'EU'.matches('^CN')", "false"),
            ("'a1b22'.matches(r'\\d{2}')", "true"), ("'abc'.matches('x|b')", "true"),
            ("'aaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('^(a+)+$')", "false"), ("'aaaa'.matches('^(a+)+$')", "true"),
            ("'MiXeD Ünï'.lowerAscii()", "\"mixed Ünï\""),
            ("is_sensitive('id_number', venue.jurisdiction)", "true"), ("is_sensitive('name', 'CN')", "false"),
            ("field_category('phone')", "\"contact\""),
        ])
    func functions(source: String, want: String) throws {
        #expect(show(try run(source, ["x": Fact(.string("b+"))])) == want)
    }

    @Test(
        "macros over lists",
        arguments: [
            ("[1, 2, 3].all(v, v > 0)", "true"), ("[1, 2, 3].all(v, v > 1)", "false"), ("[].all(v, v > 1)", "true"),
            ("[1, 2, 3].exists(v, v > 2)", "true"), ("[1, 2, 3].exists(v, v > 3)", "false"), ("[].exists(v, true)", "false"),
            ("[1, 2, 3].exists_one(v, v > 2)", "true"), ("[1, 2, 3].exists_one(v, v > 1)", "false"),
            ("[1, 2, 3].exists_one(v, v > 5)", "false"),
            ("[1, 2, 3].filter(v, v != 2)", "[1, 3]"), ("[1, 2, 3].map(v, v * 10)", "[10, 20, 30]"),
            ("[[1], [2, 3]].map(v, v.size())", "[1, 2]"),
            ("target.fields.exists(f, is_sensitive(f, venue.jurisdiction))", "true"),
            ("target.fields.filter(f, is_sensitive(f, venue.jurisdiction))", "[\"id_number\"]"),
            ("collection_points.map(p, p.id)", "[\"book\", \"desk\"]"),
            ("collection_points.filter(p, p.storage.location == 'open_table').size()", "1"),
            ("[1, 2].all(v, [3, 4].exists(w, w > v))", "true"),
            ("[1, 2].map(target, target * 2)", "[2, 4]"),  // the bound variable shadows `target`
            ("[1, 2].map(v, v) + [target.id]", "[1, 2, \"book\"]"),  // and only inside the macro
        ])
    func macros(source: String, want: String) throws {
        #expect(show(try run(source)) == want)
    }

    @Test("a compiled condition is reused across bindings and threads")
    func reuse() async throws {
        let condition = try Vocabulary.compiler.compile("target.storage.location == 'open_table'", expecting: .bool)
        #expect(condition.variables == ["target"])
        #expect(condition.resultType == .bool)
        let results = await withTaskGroup(of: Bool?.self) { group in
            for i in 0..<64 {
                group.addTask { condition.evaluate(standardBindings(target: i % 2 == 0 ? book : desk)).bool }
            }
            var all: [Bool?] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.filter { $0 == true }.count == 32)
        #expect(results.filter { $0 == false }.count == 32)
    }

    @Test("types derived from shapes")
    func shapeTypes() {
        #expect(ConditionType(.boolean) == .bool)
        #expect(ConditionType(.integer(minimum: 0)) == .int)
        #expect(ConditionType(.number) == .number)
        #expect(ConditionType(.date) == .date)
        #expect(ConditionType(.list(.string)) == .list(.string))
        #expect(ConditionType(.nullable(.date)) == .nullable(.date))
        #expect(ConditionType(.dictionary(keys: nil, values: .integer(minimum: nil))) == .map(.int))
        #expect(
            ConditionType(Vocabulary.storageLocation)
                == .enumeration(
                    name: "storage location", values: ["open_table", "staffed_desk", "locked_drawer", "locked_room"]))
        guard case .object(let storage) = ConditionType(.object(Vocabulary.storage)) else {
            Issue.record("expected an object type")
            return
        }
        #expect(storage.name == "storage")
        #expect(storage.fields.keys.sorted() == ["location", "medium"])
    }
}
