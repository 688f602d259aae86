import AuditBasics

/// A value during evaluation: the payload of a `FactValue` without its location, which travels
/// beside it in `Res` so intermediate results (the bools of comparisons, the ints of
/// arithmetic) do not build facts until the end.
enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case date(CivilDate)
    case list([Fact])
    case map([FactEntry])

    init(_ value: FactValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .date(let d): self = .date(d)
        case .list(let items): self = .list(items)
        case .map(let entries): self = .map(entries)
        }
    }

    var factValue: FactValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .date(let d): .date(d)
        case .list(let items): .list(items)
        case .map(let entries): .map(entries)
        }
    }

    var kind: Kinds {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .double: .double
        case .string: .string
        case .date: .date
        case .list: .list
        case .map: .map
        }
    }

    /// `null bool int double string date list map`, as in messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .list: "list"
        case .map: "map"
        }
    }

    /// CEL equality: numbers compare by value across int and double, lists and maps compare
    /// deeply, values of different kinds are unequal.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return compareMixed(x, y) == 0
        case (.string(let x), .string(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where !equal(Value(p.value), Value(q.value)) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for entry in x {
                guard let other = y.first(where: { $0.key == entry.key }),
                    equal(Value(entry.value.value), Value(other.value.value))
                else { return false }
            }
            return true
        default: return false
        }
    }

    /// The order of two numbers, strings or dates: negative, zero or positive; nil when they
    /// cannot be ordered (other kinds, or NaN).
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .double(let y)): return compareMixed(x, y)
        case (.double(let x), .int(let y)): return compareMixed(y, x).map { -$0 }
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x.dayNumber - y.dayNumber
        default: return nil
        }
    }

    /// Compares an int with a double exactly (no rounding of large ints); nil for NaN.
    private static func compareMixed(_ x: Int, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y >= 0x1p63 { return -1 }
        if y < -0x1p63 { return 1 }
        let whole = y.rounded(.down)
        let yi = Int(whole)
        if x != yi { return x < yi ? -1 : 1 }
        return whole == y ? 0 : -1
    }
}

/// A result during evaluation; becomes an `Outcome` at the end.
enum Res: Sendable {
    case value(Value, FileLocation?)
    case unknown(Unknown)
    case error(String, FileLocation?)

    init(_ outcome: Outcome) {
        switch outcome {
        case .value(let fact): self = .value(Value(fact.value), fact.location)
        case .unknown(let unknown): self = .unknown(unknown)
        case .error(let message, let location): self = .error(message, location)
        }
    }

    var outcome: Outcome {
        switch self {
        case .value(let value, let location): .value(Fact(value.factValue, at: location))
        case .unknown(let unknown): .unknown(unknown)
        case .error(let message, let location): .error(message: message, location: location)
        }
    }
}

/// The variable slots of one evaluation and its remaining iteration budget.
struct Frame {
    var slots: [Bindings.Binding?]
    var iterations: Int
}

/// A checked expression, ready to run.
typealias Eval = @Sendable (inout Frame) -> Res
