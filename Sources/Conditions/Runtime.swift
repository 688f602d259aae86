import AuditBasics

/// The operations of evaluation that do not depend on the shape of the syntax tree.
///
/// Every function here returns a result for every input: a wrong kind, a zero divisor or an
/// out-of-range index is an `.error`, never a trap.
enum Runtime {
    /// The value of a variable slot; an unbound variable is unknown.
    static func read(_ binding: Bindings.Binding?, path: String) -> Res {
        switch binding {
        case nil: return .unknown(Unknown(path: path, location: nil))
        case .fact(let fact)?: return .value(Value(fact.value), fact.location)
        case .outcome(let outcome)?: return Res(outcome)
        case .record(let fields)?:
            var entries: [FactEntry] = []
            for field in fields.sorted(by: { $0.name < $1.name }) {
                switch field.outcome {
                case .value(let fact): entries.append(FactEntry(key: field.name, value: fact))
                default: return Res(field.outcome)
                }
            }
            return .value(.map(entries), nil)
        }
    }

    /// Field `name` of a map; absent (or read through an explicit null) is unknown at the map.
    static func field(_ name: String, of result: Res, path: String) -> Res {
        switch result {
        case .value(.map(let entries), let location):
            if let i = find(name, in: entries) { return known(entries[i].value, path: path) }
            return .unknown(Unknown(path: path, location: location))
        case .value(.null, let location):
            return .unknown(Unknown(path: path, location: location))
        case .value(let value, let location):
            return .error("cannot read field '\(name)' of \(value.kindName)", location)
        default:
            return result
        }
    }

    /// A recorded fact as a value; a date known only to the month is unknown, since every
    /// date operation (days between, comparisons) needs the day.
    @inline(__always)
    static func known(_ fact: Fact, path: String) -> Res {
        if case .date(let date) = fact.value, !date.dayKnown {
            var unknown = Unknown(path: path, location: fact.location)
            unknown.onlyMonthKnown = true
            return .unknown(unknown)
        }
        return .value(Value(fact.value), fact.location)
    }

    /// The index of key `name`; compares keys in place rather than copying each entry, which
    /// would retain its strings and fact box.
    @inline(__always)
    static func find(_ name: String, in entries: [FactEntry]) -> Int? {
        var i = 0
        let length = name.utf8.count
        while i < entries.count {
            // Lengths first: comparing unequal strings is slower than comparing two counts.
            if entries[i].key.utf8.count == length && entries[i].key == name { return i }
            i += 1
        }
        return nil
    }

    /// `container[key]`: a list element (out of range is an error) or a map value (absent is
    /// unknown at the map).
    static func index(_ container: Value, at location: FileLocation?, by key: Value, _ keyLocation: FileLocation?, path: String)
        -> Res
    {
        switch (container, key) {
        case (.list(let items), .int(let i)):
            guard items.indices.contains(i) else {
                return .error("index \(i) is out of range for a list of \(items.count)", location ?? keyLocation)
            }
            return .value(Value(items[i].value), items[i].location)
        case (.map(let entries), .string(let name)):
            if let i = find(name, in: entries) { return known(entries[i].value, path: path) }
            return .unknown(Unknown(path: path, location: location))
        case (.null, _):
            return .unknown(Unknown(path: path, location: location))
        default:
            return .error("cannot index \(container.kindName) with \(key.kindName)", location ?? keyLocation)
        }
    }

    /// Kleene `&&` (`isAnd`) or `||`. The dominant value (false for `&&`, true for `||`) wins
    /// from either side and keeps the location of the operand that had it; otherwise an error
    /// wins over unknown, and two dominated values give the left operand's location: in
    /// `posted == true || emergency == true` the first alternative is the main requirement and
    /// the later ones are exceptions, so a failure points at the first.
    static func logical(isAnd: Bool, _ left: Res, _ right: () -> Res) -> Res {
        let dominant = !isAnd
        if case .value(.bool(dominant), _) = left { return left }
        let r = right()
        if case .value(.bool(dominant), _) = r { return r }
        if case .value(.bool, let leftLocation) = left, case .value(.bool, let rightLocation) = r {
            return .value(.bool(!dominant), leftLocation ?? rightLocation)
        }
        let symbol = isAnd ? "&&" : "||"
        if let problem = logicalProblem(left, symbol) ?? logicalProblem(r, symbol) { return problem }
        if case .unknown = left { return left }
        return r
    }

    /// The error a logical operand stands for: an error, or a value that is not a bool.
    private static func logicalProblem(_ result: Res, _ symbol: String) -> Res? {
        switch result {
        case .value(.bool, _), .unknown: nil
        case .value(let value, let location): .error("'\(symbol)' expects bool, got \(value.kindName)", location)
        case .error: result
        }
    }

    /// `+ - * / %` on two known values.
    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, _ location: FileLocation?) -> Res {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            return integer(op, x, y, location)
        case (.int, .double), (.double, .int), (.double, .double):
            guard op != .remainder, let x = a.asDouble, let y = b.asDouble else { break }
            switch op {
            case .add: return .value(.double(x + y), location)
            case .subtract: return .value(.double(x - y), location)
            case .multiply: return .value(.double(x * y), location)
            default: return .value(.double(x / y), location)
            }
        case (.string(let x), .string(let y)) where op == .add:
            guard x.utf8.count + y.utf8.count <= ConditionLimits.maxStringBytes else {
                return .error("string longer than \(ConditionLimits.maxStringBytes) bytes", location)
            }
            return .value(.string(x + y), location)
        case (.list(let x), .list(let y)) where op == .add:
            guard x.count + y.count <= ConditionLimits.maxListCount else {
                return .error("list longer than \(ConditionLimits.maxListCount) elements", location)
            }
            return .value(.list(x + y), location)
        default:
            break
        }
        return .error("cannot apply '\(op.symbol)' to \(a.kindName) and \(b.kindName)", location)
    }

    private static func integer(_ op: BinaryOperator, _ x: Int, _ y: Int, _ location: FileLocation?) -> Res {
        let result: (partialValue: Int, overflow: Bool)
        switch op {
        case .add: result = x.addingReportingOverflow(y)
        case .subtract: result = x.subtractingReportingOverflow(y)
        case .multiply: result = x.multipliedReportingOverflow(by: y)
        case .divide:
            guard y != 0 else { return .error("division by zero", location) }
            result = x.dividedReportingOverflow(by: y)
        default:
            guard y != 0 else { return .error("modulus by zero", location) }
            result = x.remainderReportingOverflow(dividingBy: y)
        }
        guard !result.overflow else { return .error("integer overflow in '\(op.symbol)'", location) }
        return .value(.int(result.partialValue), location)
    }

    /// `< <= > >=` on two known values.
    static func order(_ op: BinaryOperator, _ a: Value, _ b: Value, _ location: FileLocation?) -> Res {
        guard let c = Value.compare(a, b) else {
            if a.kind.union(b.kind).isSubset(of: .numeric) { return .value(.bool(false), location) }  // NaN
            return .error("cannot compare \(a.kindName) with \(b.kindName) using '\(op.symbol)'", location)
        }
        let result: Bool =
            switch op {
            case .less: c < 0
            case .lessEqual: c <= 0
            case .greater: c > 0
            default: c >= 0
            }
        return .value(.bool(result), location)
    }

    /// `a in b`: membership in a list (pointing at the matching element when `a` has no
    /// location) or key presence in a map.
    static func membership(_ a: Value, _ aLocation: FileLocation?, in b: Value, _ bLocation: FileLocation?) -> Res {
        switch b {
        case .list(let items):
            for item in items where Value.equal(a, Value(item.value)) {
                return .value(.bool(true), aLocation ?? item.location ?? bLocation)
            }
            return .value(.bool(false), aLocation ?? bLocation)
        case .map(let entries):
            guard case .string(let key) = a else {
                return .error("map keys are strings; cannot look up \(a.kindName)", aLocation ?? bLocation)
            }
            for entry in entries where entry.key == key {
                return .value(.bool(true), aLocation ?? entry.keyLocation ?? entry.value.location ?? bLocation)
            }
            return .value(.bool(false), aLocation ?? bLocation)
        default:
            return .error("'in' needs a list or map on the right, got \(b.kindName)", bLocation ?? aLocation)
        }
    }
}

extension Value {
    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
