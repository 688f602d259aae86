import AuditBasics

/// The values of a condition's variables for one evaluation.
///
/// A declared variable that is not bound is unknown. Besides plain facts, a variable can be
/// bound to an outcome (an unknown or an error computed elsewhere) or to a record of named
/// outcomes; the engine uses the latter for `evidence`, so that `evidence.days_kept` is unknown
/// with the path and location of what `days_kept` itself was missing.
///
/// There are a dozen variables at most, so the names are kept in a small array and found by
/// comparing them in place: the engine rebinds `target`, `params` and `evidence` for every
/// finding, and a hashed dictionary cost more to copy and update than the conditions cost to run.
public struct Bindings: Sendable {
    enum Binding: Sendable {
        case fact(Fact)
        case outcome(Outcome)
        /// Named outcomes in the order they were computed.
        case record([(name: String, outcome: Outcome)])
    }

    private var names: [String] = []
    private var values: [Binding] = []
    /// Variable slots lent to `CompiledCondition.evaluate(reusing:)`; empty between calls.
    var scratch: [Binding?] = []

    public init() {}

    private func index(of name: String) -> Int? {
        var i = 0
        let length = name.utf8.count
        while i < names.count {
            // Comparing lengths first skips the slower comparison of unequal strings.
            if names[i].utf8.count == length && names[i] == name { return i }
            i += 1
        }
        return nil
    }

    /// What `name` is bound to, if anything.
    func binding(_ name: String) -> Binding? {
        index(of: name).map { values[$0] }
    }

    private mutating func set(_ name: String, _ binding: Binding?) {
        if let i = index(of: name) {
            if let binding {
                values[i] = binding
            } else {
                names.remove(at: i)
                values.remove(at: i)
            }
        } else if let binding {
            names.append(name)
            values.append(binding)
        }
    }

    /// The position of a bound name, for rebinding it many times without looking it up; valid
    /// until a name is unbound.
    public struct Slot: Sendable {
        fileprivate let index: Int
    }

    public func slot(_ name: String) -> Slot? {
        index(of: name).map(Slot.init)
    }

    public mutating func set(_ slot: Slot, to fact: Fact) {
        values[slot.index] = .fact(fact)
    }

    public mutating func set(_ slot: Slot, fieldList: [(name: String, outcome: Outcome)]) {
        values[slot.index] = .record(fieldList)
    }

    /// The fact bound to `name`; setting nil unbinds it (it becomes unknown).
    public subscript(name: String) -> Fact? {
        get {
            if case .fact(let fact) = binding(name) { return fact }
            return nil
        }
        set { set(name, newValue.map { .fact($0) }) }
    }

    /// Binds `name` to an outcome: reading it gives that value, unknown or error.
    public mutating func bind(_ name: String, to outcome: Outcome) {
        set(name, .outcome(outcome))
    }

    /// Binds `name` to a map whose fields are outcomes: `name.field` gives the field's outcome,
    /// and an absent field is unknown. Reading `name` as a whole gives a map of the fields when
    /// all are values, else the first unknown or error in field-name order.
    public mutating func bind(_ name: String, fields: [String: Outcome]) {
        set(name, .record(fields.map { (name: $0.key, outcome: $0.value) }))
    }

    /// The same as `bind(_:fields:)` for fields already in a list (names are unique).
    public mutating func bind(_ name: String, fieldList: [(name: String, outcome: Outcome)]) {
        set(name, .record(fieldList))
    }
}

extension Bindings.Binding {
    /// The outcome of field `name` of a record binding; nil when the record lacks it.
    static func field(_ name: String, of fields: [(name: String, outcome: Outcome)]) -> Outcome? {
        var i = 0
        while i < fields.count {
            if fields[i].name == name { return fields[i].outcome }
            i += 1
        }
        return nil
    }
}
