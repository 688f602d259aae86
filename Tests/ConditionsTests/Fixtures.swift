import AuditBasics
import Conditions

/// A place in the pretend venue file the fixtures were "read" from.
func at(_ line: Int, _ column: Int = 3) -> FileLocation {
    FileLocation(file: "venue.yaml", line: line, column: column)
}

func map(_ line: Int, _ entries: [(String, Fact)]) -> Fact {
    Fact(.map(entries.map { FactEntry(key: $0.0, keyLocation: $0.1.location, value: $0.1) }), at: at(line))
}

func string(_ s: String, _ line: Int) -> Fact { Fact(.string(s), at: at(line)) }
func int(_ i: Int, _ line: Int) -> Fact { Fact(.int(i), at: at(line)) }
func date(_ s: String, _ line: Int) -> Fact { Fact(.date(CivilDate(iso: s) ?? CivilDate(year: 1970, month: 1, day: 1)!), at: at(line)) }

/// The input vocabulary the fixtures follow, a small part of the real one.
enum Vocabulary {
    static let storageLocation = Shape.enumeration(
        name: "storage location",
        values: ["open_table", "staffed_desk", "locked_drawer", "locked_room"]
    )
    static let fieldName = Shape.enumeration(
        name: "field name",
        values: ["name", "phone", "id_number", "body_temperature"]
    )
    static let storage = ObjectShape(
        name: "storage", doc: "",
        fields: [
            FieldShape("medium", .enumeration(name: "storage medium", values: ["paper", "digital", "government_platform"])),
            FieldShape("location", storageLocation),
        ])
    static let retention = ObjectShape(
        name: "retention", doc: "",
        fields: [
            FieldShape("oldest_record_date", .date),
            FieldShape("days", .integer(minimum: 0)),
            FieldShape("policy", .nullable(.string)),
        ])
    static let point = ObjectShape(
        name: "collection point", doc: "",
        fields: [
            FieldShape("id", .string, required: true),
            FieldShape("storage", .object(storage)),
            FieldShape("retention", .nullable(.object(retention))),
            FieldShape("fields", .list(fieldName)),
            FieldShape("visitors_per_day", .number),
            FieldShape("signed", .boolean),
            FieldShape("notes", .dictionary(keys: nil, values: .string)),
        ])
    static let venue = ObjectShape(
        name: "venue", doc: "",
        fields: [
            FieldShape("id", .string),
            FieldShape("jurisdiction", .string),
        ])
    static let assessment = ObjectShape(name: "assessment", doc: "", fields: [FieldShape("date", .date)])

    static let variables: [String: ConditionType] = [
        "target": ConditionType(.object(point)),
        "collection_points": ConditionType(.list(.object(point))),
        "venue": ConditionType(.object(venue)),
        "assessment": ConditionType(.object(assessment)),
        "params": .object("params", ["max_retention_days": .int]),
        "evidence": .object("evidence", ["days_kept": .int]),
        "as_of": .date,
        // Typed variables for the tables; tests bind some and leave others unknown.
        "t": .bool, "f": .bool, "u": .bool,
        "ub": .bool, "ui": .int, "us": .string, "ud": .date, "ul": .list(.int),
        "x": .dyn, "n": .dyn, "s": .dyn, "l": .dyn,
    ]

    static var functions: FunctionLibrary {
        var library = FunctionLibrary()
        let sensitive: Set<String> = ["id_number", "body_temperature"]
        library.register("is_sensitive", parameters: [.string, .string], result: .bool) { args in
            guard let field = args.first?.string else { return .error(message: "bad argument", location: nil) }
            return .value(Fact(.bool(sensitive.contains(field))))
        }
        library.register("field_category", parameters: [ConditionType(fieldName)], result: .string) { args in
            .value(Fact(.string(args.first?.string == "phone" ? "contact" : "identity")))
        }
        library.register("broken", parameters: [], result: .bool) { _ in .value(Fact(.int(1))) }
        return library
    }

    static let compiler = ConditionCompiler(variables: variables, functions: functions)
}

/// A collection point as a venue file would give it, every node with its own line:
///
/// ```
/// 10 - id: book
/// 12   storage:            { medium: paper (13), location: open_table (14) }
/// 15   retention:          { days: 71 (16), policy: null (17) }   (no oldest_record_date)
/// 18   fields:             [name (19), phone (20), id_number (21)]
/// 22   visitors_per_day: 40
/// 23   signed: true
/// ```
let book = map(
    10,
    [
        ("id", string("book", 11)),
        ("storage", map(12, [("medium", string("paper", 13)), ("location", string("open_table", 14))])),
        ("retention", map(15, [("days", int(71, 16)), ("policy", Fact(.null, at: at(17)))])),
        ("fields", Fact(.list([string("name", 19), string("phone", 20), string("id_number", 21)]), at: at(18))),
        ("visitors_per_day", int(40, 22)),
        ("signed", Fact(.bool(true), at: at(23))),
    ])

/// A second point that records its oldest record date and keeps no sensitive fields.
let desk = map(
    30,
    [
        ("id", string("desk", 31)),
        ("storage", map(32, [("medium", string("digital", 33)), ("location", string("locked_drawer", 34))])),
        ("retention", map(35, [("oldest_record_date", date("2022-03-31", 36)), ("days", int(10, 37))])),
        ("fields", Fact(.list([string("name", 39)]), at: at(38))),
    ])

let venueFact = map(1, [("id", string("V-1", 2)), ("jurisdiction", string("CN", 3))])
let assessmentFact = map(5, [("date", date("2022-06-10", 6))])

/// Bindings with `target` = book, `t` true, `f` false, everything else of the tables unbound.
func standardBindings(target: Fact = book) -> Bindings {
    var b = Bindings()
    b["target"] = target
    b["collection_points"] = Fact(.list([book, desk]), at: at(9))
    b["venue"] = venueFact
    b["assessment"] = assessmentFact
    b["params"] = Fact(.map([FactEntry(key: "max_retention_days", value: Fact(.int(28)))]))
    b["as_of"] = Fact(.date(CivilDate(year: 2022, month: 6, day: 10)!))
    b["t"] = Fact(.bool(true), at: at(100))
    b["f"] = Fact(.bool(false), at: at(101))
    return b
}

/// Compiles and evaluates `source` against the standard bindings plus `extra`.
func run(_ source: String, target: Fact = book, _ extra: [String: Fact] = [:]) throws -> Outcome {
    var bindings = standardBindings(target: target)
    for (name, fact) in extra { bindings[name] = fact }
    return try Vocabulary.compiler.compile(source).evaluate(bindings)
}

/// The compile error of `source` (expecting `expected`), or nil if it compiled.
func compileError(_ source: String, expecting expected: ConditionType? = nil) -> ConditionError? {
    do {
        _ = try Vocabulary.compiler.compile(source, expecting: expected)
        return nil
    } catch {
        return error
    }
}

/// A compact rendering of an outcome for table tests: `true`, `3`, `"a"`, `[1, 2]`,
/// `unknown`, `error`.
func show(_ outcome: Outcome) -> String {
    switch outcome {
    case .value(let fact): show(fact.value)
    case .unknown: "unknown"
    case .error: "error"
    }
}

func show(_ value: FactValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .int(let i): "\(i)"
    case .double(let d): "\(d)"
    case .string(let s): "\"\(s)\""
    case .date(let d): "date(\(d))"
    case .list(let items): "[" + items.map { show($0.value) }.joined(separator: ", ") + "]"
    case .map(let entries): "{" + entries.map { "\($0.key): \(show($0.value.value))" }.joined(separator: ", ") + "}"
    }
}
