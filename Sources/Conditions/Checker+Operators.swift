import AuditBasics

extension Checker {
    // MARK: - Unary

    mutating func unary(_ op: UnaryOperator, _ operand: Syntax, _ syntax: Syntax) -> Typed {
        let typed = check(operand)
        let eval = typed.eval
        switch op {
        case .not:
            if typed.type.kinds.isDisjoint(with: .bool) {
                report(ConditionError.Code.type, "'!' expects bool, got \(typed.type)", at: syntax.at)
            }
            return Typed(type: .bool) { frame in
                switch eval(&frame) {
                case .value(.bool(let b), let location): .value(.bool(!b), location)
                case .value(let value, let location): .error("'!' expects bool, got \(value.kindName)", location)
                case let other: other
                }
            }
        case .negate:
            if typed.type.kinds.isDisjoint(with: .numeric) {
                report(ConditionError.Code.type, "'-' expects a number, got \(typed.type)", at: syntax.at)
            }
            let type: ConditionType =
                switch typed.type.unwrapped {
                case .int: .int
                case .double: .double
                case .number: .number
                default: .dyn
                }
            return Typed(type: type) { frame in
                switch eval(&frame) {
                case .value(.int(let i), let location):
                    i == Int.min ? .error("integer overflow in '-'", location) : .value(.int(-i), location)
                case .value(.double(let d), let location): .value(.double(-d), location)
                case .value(let value, let location): .error("'-' expects a number, got \(value.kindName)", location)
                case let other: other
                }
            }
        }
    }

    // MARK: - Binary

    mutating func binary(_ op: BinaryOperator, _ leftSyntax: Syntax, _ rightSyntax: Syntax, _ syntax: Syntax) -> Typed {
        let left = check(leftSyntax)
        let right = check(rightSyntax)
        let l = left.eval
        let r = right.eval
        switch op {
        case .and, .or:
            for (typed, side) in [(left, leftSyntax), (right, rightSyntax)] where typed.type.kinds.isDisjoint(with: .bool) {
                report(ConditionError.Code.type, "'\(op.symbol)' expects bool, got \(typed.type)", at: side.start)
            }
            let isAnd = op == .and
            return Typed(type: .bool) { frame in
                let a = l(&frame)
                return Runtime.logical(isAnd: isAnd, a) { r(&frame) }
            }
        case .equal, .notEqual:
            checkEquality(left.type, right.type, leftSyntax, rightSyntax, at: syntax.at)
            let wantEqual = op == .equal
            return Typed(
                type: .bool,
                eval: Self.strict2(l, r) { a, b, location in
                    .value(.bool(Value.equal(a, b) == wantEqual), location)
                })
        case .less, .lessEqual, .greater, .greaterEqual:
            let lk = left.type.kinds
            let rk = right.type.kinds
            let orderable =
                Self.overlap(lk, rk, .numeric) || Self.overlap(lk, rk, .string) || Self.overlap(lk, rk, .date)
            if !orderable {
                report(
                    ConditionError.Code.type,
                    "cannot compare \(left.type) with \(right.type) using '\(op.symbol)'",
                    at: syntax.at
                )
            }
            return Typed(type: .bool, eval: Self.strict2(l, r) { a, b, location in Runtime.order(op, a, b, location) })
        case .in:
            checkMembership(left.type, right.type, leftSyntax, rightSyntax, at: syntax.at)
            return Typed(type: .bool) { frame in
                let a = l(&frame)
                guard case .value(let av, let al) = a else { return a }
                let b = r(&frame)
                guard case .value(let bv, let bl) = b else { return b }
                return Runtime.membership(av, al, in: bv, bl)
            }
        case .add, .subtract, .multiply, .divide, .remainder:
            let type = arithmeticType(op, left.type, right.type, at: syntax.at)
            return Typed(type: type, eval: Self.strict2(l, r) { a, b, location in Runtime.arithmetic(op, a, b, location) })
        }
    }

    /// Both kind sets contain a kind of `group`.
    static func overlap(_ a: Kinds, _ b: Kinds, _ group: Kinds) -> Bool {
        !a.isDisjoint(with: group) && !b.isDisjoint(with: group)
    }

    /// Whether values of the two types can ever be equal (so comparing them makes sense).
    static func comparable(_ a: ConditionType, _ b: ConditionType) -> Bool {
        let lk = a.kinds
        let rk = b.kinds
        if lk == .null || rk == .null { return true }
        let x = lk.subtracting(.null)
        let y = rk.subtracting(.null)
        return !x.isDisjoint(with: y) || overlap(x, y, .numeric)
    }

    private mutating func checkEquality(
        _ a: ConditionType, _ b: ConditionType, _ left: Syntax, _ right: Syntax, at position: Position
    ) {
        guard Self.comparable(a, b) else {
            report(ConditionError.Code.type, "cannot compare \(a) with \(b)", at: position)
            return
        }
        if let literal = right.stringLiteral { checkEnumerationValue(literal, of: a, at: right.start) }
        if let literal = left.stringLiteral { checkEnumerationValue(literal, of: b, at: left.start) }
    }

    private mutating func checkMembership(
        _ a: ConditionType, _ b: ConditionType, _ left: Syntax, _ right: Syntax, at position: Position
    ) {
        switch b.unwrapped {
        case .list(let element):
            if !Self.comparable(a, element) {
                report(ConditionError.Code.type, "cannot look for \(a) in \(b)", at: position)
                return
            }
            if let literal = left.stringLiteral { checkEnumerationValue(literal, of: element, at: left.start) }
            if case .list(let items) = right.kind {
                for item in items {
                    if let literal = item.stringLiteral { checkEnumerationValue(literal, of: a, at: item.start) }
                }
            }
        case .map, .object:
            if a.kinds.isDisjoint(with: .string) {
                report(ConditionError.Code.type, "map keys are strings; cannot look for \(a)", at: position)
            }
        case .dyn:
            break
        default:
            report(ConditionError.Code.type, "'in' needs a list or map on the right, got \(b)", at: position)
        }
    }

    /// Reports a string literal that is not a value of the enumeration `type` (if it is one).
    mutating func checkEnumerationValue(_ literal: String, of type: ConditionType, at position: Position) {
        guard let (name, values) = type.enumeration, !values.contains(literal) else { return }
        let hint = Suggestions.hint(for: literal, in: values)
        report(
            ConditionError.Code.badValue,
            "'\(literal)' is not a value of \(name); expected one of \(values.joined(separator: ", "))\(hint)",
            at: position
        )
    }

    /// The result type of an arithmetic operator, reporting operand types it cannot apply to.
    private mutating func arithmeticType(_ op: BinaryOperator, _ a: ConditionType, _ b: ConditionType, at position: Position)
        -> ConditionType
    {
        let lk = a.kinds
        let rk = b.kinds
        let numeric = op == .remainder ? Self.overlap(lk, rk, .int) : Self.overlap(lk, rk, .numeric)
        let strings = op == .add && Self.overlap(lk, rk, .string)
        let lists = op == .add && Self.overlap(lk, rk, .list)
        guard numeric || strings || lists else {
            report(ConditionError.Code.type, "cannot apply '\(op.symbol)' to \(a) and \(b)", at: position)
            return .dyn
        }
        let x = a.unwrapped
        let y = b.unwrapped
        if numeric && !strings && !lists && lk.isSubset(of: .numeric) && rk.isSubset(of: .numeric) {
            if x == .int && y == .int { return .int }
            if x == .double || y == .double { return .double }
            return .number
        }
        if strings && !numeric && !lists && lk == .string && rk == .string { return .string }
        if lists && !numeric && !strings, case .list(let e) = x, case .list(let f) = y {
            return .list(ConditionType.join(e, f))
        }
        return .dyn
    }

    // MARK: - Conditional

    mutating func conditional(_ condition: Syntax, _ then: Syntax, _ otherwise: Syntax, _ syntax: Syntax) -> Typed {
        let c = check(condition)
        if c.type.kinds.isDisjoint(with: .bool) {
            report(ConditionError.Code.type, "the condition of '?:' must be bool, got \(c.type)", at: condition.start)
        }
        let t = check(then)
        let e = check(otherwise)
        let ce = c.eval
        let te = t.eval
        let ee = e.eval
        return Typed(type: ConditionType.join(t.type, e.type)) { frame in
            switch ce(&frame) {
            case .value(.bool(let b), _):
                return b ? te(&frame) : ee(&frame)
            case .value(let value, let location):
                return .error("the condition of '?:' must be bool, got \(value.kindName)", location)
            case .unknown(let unknown):
                // Unknown condition: still known when both branches agree.
                if case .value(let a, let location) = te(&frame), case .value(let b, _) = ee(&frame),
                    a.kind == b.kind, Value.equal(a, b)
                {
                    return .value(a, location)
                }
                return .unknown(unknown)
            case let error:
                return error
            }
        }
    }

    // MARK: - Strict evaluation helpers

    /// Evaluates one operand; a non-value is the result.
    static func strict1(_ a: @escaping Eval, _ body: @escaping @Sendable (Value, FileLocation?) -> Res) -> Eval {
        { frame in
            switch a(&frame) {
            case .value(let value, let location): body(value, location)
            case let other: other
            }
        }
    }

    /// Evaluates two operands left to right; the first non-value is the result. The body gets
    /// the first operand location there is.
    static func strict2(_ a: @escaping Eval, _ b: @escaping Eval, _ body: @escaping @Sendable (Value, Value, FileLocation?) -> Res)
        -> Eval
    {
        { frame in
            let x = a(&frame)
            guard case .value(let v, let l) = x else { return x }
            let y = b(&frame)
            guard case .value(let w, let m) = y else { return y }
            return body(v, w, l ?? m)
        }
    }
}
