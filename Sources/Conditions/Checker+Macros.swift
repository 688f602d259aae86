import AuditBasics

/// The comprehension macros over lists.
enum MacroKind: String {
    case all, exists
    case existsOne = "exists_one"
    case filter, map
}

extension Checker {
    /// `list.all(x, p)` and friends: `x` is bound to each element inside `p` only.
    mutating func macro(_ kind: MacroKind, _ receiver: Syntax, _ arguments: [Syntax], _ syntax: Syntax) -> Typed {
        let list = check(receiver)
        let name = kind.rawValue
        guard arguments.count == 2 else {
            report(
                ConditionError.Code.type,
                "\(name)() takes 2 arguments, a variable name and an expression, got \(arguments.count)",
                at: syntax.at
            )
            return Self.invalid
        }
        guard case .identifier(let variable) = arguments[0].kind else {
            report(ConditionError.Code.type, "the first argument of \(name)() must be a variable name", at: arguments[0].start)
            return Self.invalid
        }
        expectKinds(list.type, .list, "a list", context: "\(name)()", at: syntax.at)
        let slot = pushLocal(variable, list.type.elementType)
        let body = check(arguments[1])
        popLocal()
        if kind != .map {
            expectKinds(body.type, .bool, "a bool expression", context: "\(name)()", at: arguments[1].start)
        }
        let type: ConditionType =
            switch kind {
            case .all, .exists, .existsOne: .bool
            case .filter: list.type.unwrapped
            case .map: .list(body.type)
            }
        return Typed(type: type, eval: Runtime.macro(kind, list.eval, slot, body.eval))
    }
}

extension Runtime {
    /// Evaluates a macro. `all` is the Kleene conjunction of its predicates and `exists` the
    /// disjunction (a deciding element wins over unknowns and errors elsewhere; otherwise an error
    /// wins over unknown); `exists_one`, `filter` and `map` need every predicate known.
    static func macro(_ kind: MacroKind, _ list: @escaping Eval, _ slot: Int, _ body: @escaping Eval) -> Eval {
        { frame in
            let l = list(&frame)
            guard case .value(let value, let location) = l else { return l }
            guard case .list(let items) = value else {
                return .error("\(kind.rawValue)() needs a list, got \(value.kindName)", location)
            }
            if kind == .map, items.count > ConditionLimits.maxListCount {
                return .error("list longer than \(ConditionLimits.maxListCount) elements", location)
            }
            var problem: Res?
            var unknown: Res?
            var count = 0
            var found: FileLocation?
            var kept: [Fact] = []
            for item in items {
                guard frame.iterations > 0 else {
                    return .error("evaluation needs more than \(ConditionLimits.maxIterations) macro steps", location)
                }
                frame.iterations -= 1
                frame.slots[slot] = .fact(item)
                let r = body(&frame)
                if kind == .map {
                    guard case .value(let v, let l) = r else { return r }
                    kept.append(Fact(v.factValue, at: l))
                    continue
                }
                if kind == .filter, case .value(.bool, _) = r {
                } else if kind == .filter {
                    guard case .value(let v, let l) = r else { return r }
                    return .error("the expression of filter() must give bool, got \(v.kindName)", l)
                }
                let decided: Bool
                switch r {
                case .value(.bool(let b), _):
                    decided = b
                case .value(let v, let l):
                    problem = problem ?? .error("the expression of \(kind.rawValue)() must give bool, got \(v.kindName)", l)
                    continue
                case .unknown:
                    unknown = unknown ?? r
                    continue
                case .error:
                    problem = problem ?? r
                    continue
                }
                let place = r.location ?? item.location ?? location
                switch kind {
                case .all where !decided: return .value(.bool(false), place)
                case .exists where decided: return .value(.bool(true), place)
                case .existsOne where decided:
                    count += 1
                    if count > 1 { return .value(.bool(false), place) }
                    found = place
                case .filter where decided:
                    kept.append(item)
                default:
                    break
                }
            }
            if let pending = problem ?? unknown { return pending }
            switch kind {
            case .all: return .value(.bool(true), location)
            case .exists: return .value(.bool(false), location)
            case .existsOne: return .value(.bool(count == 1), found ?? location)
            case .filter, .map: return .value(.list(kept), location)
            }
        }
    }
}

extension Res {
    var location: FileLocation? {
        switch self {
        case .value(_, let location): location
        case .unknown(let unknown): unknown.location
        case .error(_, let location): location
        }
    }
}
