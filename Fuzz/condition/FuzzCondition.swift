import AuditBasics
import Conditions
import FuzzDriver
import VenueModel

/// A string as a condition: lexer, parser and checker against the variables a
/// collection-point rule sees, and when it type-checks, evaluation against a fixed venue.
let compiler: ConditionCompiler = {
    func shape(_ name: String) -> Shape { VenueSchema.root.field(name)?.shape ?? .string }
    var variables: [String: ConditionType] = [:]
    for name in ["venue", "assessment", "collection_points", "digital_systems", "incidents", "observations", "waivers"] {
        variables[name] = ConditionType(shape(name))
    }
    variables["as_of"] = .date
    variables["target"] = ConditionType(.object(VenueSchema.collectionPoint))
    variables["params"] = .object("params", ["max_retention_days": .int, "fields": .list(.string)])
    return ConditionCompiler(variables: variables)
}()

let venue: Fact = {
    let yaml = """
        format: venue-audit/1
        venue: { id: V-1, name: Mall, type: shopping_mall, jurisdiction: CN-SC }
        assessment: { kind: inspection, date: 2020-12-10 }
        collection_points:
          - id: book
            method: paper_register
            fields: [name, id_number, phone, visit_time]
            storage: { medium: paper, location: open_table, attended: never, visible_to_other_visitors: true }
            retention: { policy_days: 28, oldest_record_date: 2020-09-30 }
        incidents:
          - { kind: disclosure, date: 2020-12-08, description: photo posted }
        """
    guard let v = VenueFileReader().read(bytes: Array(yaml.utf8), path: "fixed.yaml").venues.first else { fatalError("fixed venue") }
    return v.facts
}()

func fuzzCondition(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = String(decoding: bytes(data, size), as: UTF8.self)
    do throws(ConditionError) {
        let condition = try compiler.compile(source)
        var bindings = Bindings()
        for name in ["venue", "assessment", "collection_points", "incidents"] {
            if let fact = venue[name] { bindings.bind(name, to: .value(fact)) }
        }
        if let point = venue["collection_points"]?.list?.first { bindings.bind("target", to: .value(point)) }
        bindings.bind("params", fields: ["max_retention_days": .value(Fact(.int(28))), "fields": .value(Fact(.list([])))])
        _ = condition.evaluate(bindings)
    } catch {
        _ = error.diagnostics { line, column in FileLocation(file: "fuzz", line: line, column: column) }
    }
    return 0
}

@main
enum Main {
    static func main() {
        _ = (compiler, venue)  // built before the first input, which then pays nothing for it
        runFuzzer { data, size in fuzzCondition(data, size) }
    }
}
