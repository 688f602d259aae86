import AuditBasics

/// The values of a condition's variables for one evaluation.
///
/// A declared variable that is not bound is unknown. Besides plain facts, a variable can be
/// bound to an outcome (an unknown or an error computed elsewhere) or to a record of named
/// outcomes; the engine uses the latter for `evidence`, so that `evidence.days_kept` is unknown
/// with the path and location of what `days_kept` itself was missing.
public struct Bindings: Sendable {
    enum Binding: Sendable {
        case fact(Fact)
        case outcome(Outcome)
        case record([String: Outcome])
    }

    var storage: [String: Binding] = [:]

    public init() {}

    /// Binds each name to its fact.
    public init(_ facts: [String: Fact]) {
        for (name, fact) in facts { storage[name] = .fact(fact) }
    }

    /// The fact bound to `name`; setting nil unbinds it (it becomes unknown).
    public subscript(name: String) -> Fact? {
        get {
            if case .fact(let fact) = storage[name] { return fact }
            return nil
        }
        set { storage[name] = newValue.map { .fact($0) } }
    }

    /// Binds `name` to an outcome: reading it gives that value, unknown or error.
    public mutating func bind(_ name: String, to outcome: Outcome) {
        storage[name] = .outcome(outcome)
    }

    /// Binds `name` to a map whose fields are outcomes: `name.field` gives the field's outcome,
    /// and an absent field is unknown. Reading `name` as a whole gives a map of the fields when
    /// all are values, else the first unknown or error in field-name order.
    public mutating func bind(_ name: String, fields: [String: Outcome]) {
        storage[name] = .record(fields)
    }
}
