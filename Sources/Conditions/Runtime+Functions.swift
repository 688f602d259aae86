import AuditBasics

extension Runtime {
    static func size(_ value: Value, _ location: FileLocation?) -> Res {
        switch value {
        case .string(let s): .value(.int(s.unicodeScalars.count), location)
        case .list(let items): .value(.int(items.count), location)
        case .map(let entries): .value(.int(entries.count), location)
        default: .error("size() expects string, list or map, got \(value.kindName)", location)
        }
    }

    static func toInt(_ value: Value, _ location: FileLocation?) -> Res {
        switch value {
        case .int: return .value(value, location)
        case .double(let d):
            guard d.isFinite, d > -0x1p63 - 1, d < 0x1p63 else {
                return .error("\(d) is out of the int range", location)
            }
            return .value(.int(Int(d)), location)
        case .string(let s):
            guard let i = Int(s) else { return .error("'\(s)' is not an integer", location) }
            return .value(.int(i), location)
        default:
            return .error("int() cannot convert \(value.kindName)", location)
        }
    }

    static func toDouble(_ value: Value, _ location: FileLocation?) -> Res {
        switch value {
        case .int(let i): return .value(.double(Double(i)), location)
        case .double: return .value(value, location)
        case .string(let s):
            guard let d = Double(s) else { return .error("'\(s)' is not a number", location) }
            return .value(.double(d), location)
        default:
            return .error("double() cannot convert \(value.kindName)", location)
        }
    }

    static func toString(_ value: Value, _ location: FileLocation?) -> Res {
        switch value {
        case .string: .value(value, location)
        case .int(let i): .value(.string(String(i)), location)
        case .double(let d): .value(.string(String(d)), location)
        case .bool(let b): .value(.string(b ? "true" : "false"), location)
        case .date(let d): .value(.string(d.description), location)
        default: .error("string() cannot convert \(value.kindName)", location)
        }
    }

    static func toDate(_ value: Value, _ location: FileLocation?) -> Res {
        switch value {
        case .date: return .value(value, location)
        case .string(let s):
            guard let day = CivilDate(iso: s) else { return .error("'\(s)' is not a valid date; expected YYYY-MM-DD", location) }
            return .value(.date(day), location)
        default:
            return .error("date() cannot convert \(value.kindName)", location)
        }
    }

    /// Whole days from `a` to `b` (`b - a`), located at `a` when it has a location.
    static func daysBetween(_ a: Value, _ b: Value, _ location: FileLocation?) -> Res {
        guard case .date(let from) = a, case .date(let to) = b else {
            return .error("days_between() expects two dates, got \(a.kindName) and \(b.kindName)", location)
        }
        return .value(.int(from.days(until: to)), location)
    }

    static func lowerAscii(_ value: Value, _ location: FileLocation?) -> Res {
        guard case .string(let s) = value else {
            return .error("lowerAscii() expects string, got \(value.kindName)", location)
        }
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        return .value(.string(String(decoding: bytes, as: UTF8.self)), location)
    }

    /// `startsWith`, `endsWith` or `contains` as a two-string test.
    static func stringTest(_ name: String) -> @Sendable (Value, Value, FileLocation?) -> Res {
        { receiver, argument, location in
            guard case .string(let s) = receiver, case .string(let p) = argument else {
                return .error("\(name)() expects strings, got \(receiver.kindName) and \(argument.kindName)", location)
            }
            let result: Bool =
                switch name {
                case "startsWith": s.hasPrefix(p)
                case "endsWith": s.hasSuffix(p)
                default: p.isEmpty || s.contains(p)
                }
            return .value(.bool(result), location)
        }
    }

    /// Whether the regex matches somewhere in the string (RE2's partial match, as in CEL).
    static func match(_ value: Value, _ regex: LinearRegex, _ location: FileLocation?) -> Res {
        guard case .string(let s) = value else {
            return .error("matches() expects string, got \(value.kindName)", location)
        }
        return .value(.bool(regex.matches(s)), location)
    }

    /// A call of a registered function: arguments evaluated left to right and checked against
    /// the parameter types; a result without a location gets the first argument's.
    static func call(_ function: FunctionLibrary.Function, _ arguments: [Eval]) -> Eval {
        let parameterKinds = function.parameters.map(\.kinds)
        let resultKinds = function.result.kinds
        let name = function.name
        let implementation = function.implementation
        return { frame in
            var facts: [Fact] = []
            facts.reserveCapacity(arguments.count)
            var first: FileLocation?
            for (i, argument) in arguments.enumerated() {
                let r = argument(&frame)
                guard case .value(let value, let location) = r else { return r }
                guard parameterKinds[i].contains(value.kind) else {
                    return .error("\(name)() expects \(function.parameters[i]) as argument \(i + 1), got \(value.kindName)", location)
                }
                facts.append(Fact(value.factValue, at: location))
                first = first ?? location
            }
            switch implementation(facts) {
            case .value(var fact):
                let value = Value(fact.value)
                guard resultKinds.contains(value.kind) else {
                    return .error("\(name)() gave \(value.kindName), declared \(function.result)", first)
                }
                if fact.location == nil { fact.location = first }
                return .value(value, fact.location)
            case let other:
                return Res(other)
            }
        }
    }
}
