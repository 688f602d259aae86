import AuditBasics

/// A checked expression: its static type and the closure that evaluates it.
struct Typed {
    var type: ConditionType
    var eval: Eval
}

/// Resolves names and fields, checks types and builds the evaluation closures, in one pass
/// over the syntax tree.
///
/// Problems are collected rather than thrown; a sub-expression with a problem gets type `dyn`
/// so that one mistake is reported once, not again by every operator above it.
struct Checker {
    let scalars: [Unicode.Scalar]
    let declared: [String: ConditionType]
    let functions: FunctionLibrary
    private(set) var problems: [ConditionError.Problem] = []
    /// The declared variables the expression reads, with their frame slots.
    private(set) var globals: [(name: String, slot: Int)] = []
    /// Slots used so far (globals and macro variables).
    private(set) var slotCount = 0
    private var globalSlots: [String: Int] = [:]
    private var locals: [(name: String, type: ConditionType, slot: Int)] = []

    init(source: String, declared: [String: ConditionType], functions: FunctionLibrary) {
        scalars = Array(source.unicodeScalars)
        self.declared = declared
        self.functions = functions
    }

    mutating func check(_ syntax: Syntax) -> Typed {
        switch syntax.kind {
        case .literal(let literal): return self.literal(literal, syntax)
        case .identifier(let name): return identifier(name, syntax)
        case .list(let items): return listLiteral(items)
        case .map(let entries): return mapLiteral(entries)
        case .select(let operand, let name): return select(operand, name, syntax)
        case .index(let operand, let key): return index(operand, key, syntax)
        case .call(let name, let arguments): return call(name, arguments, syntax)
        case .method(let receiver, let name, let arguments): return method(receiver, name, arguments, syntax)
        case .unary(let op, let operand): return unary(op, operand, syntax)
        case .binary(let op, let left, let right): return binary(op, left, right, syntax)
        case .conditional(let condition, let then, let otherwise):
            return conditional(condition, then, otherwise, syntax)
        }
    }

    // MARK: - Problems

    mutating func report(_ code: String, _ message: String, at position: Position) {
        problems.append(.init(code: code, message: message, line: position.line, column: position.column))
    }

    /// A placeholder for a sub-expression that had a problem; never evaluated, since a
    /// condition with problems does not compile.
    static let invalid = Typed(type: .dyn, eval: { _ in .error("invalid expression", nil) })

    /// The source text of a node, used as the path of an unknown.
    func text(_ syntax: Syntax) -> String {
        let end = min(max(syntax.endOffset, syntax.start.offset), scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[syntax.start.offset..<end])
        return String(view)
    }

    // MARK: - Literals and names

    static func constant(_ value: Value) -> Eval {
        { _ in .value(value, nil) }
    }

    private mutating func literal(_ literal: Syntax.Literal, _ syntax: Syntax) -> Typed {
        switch literal {
        case .null: return Typed(type: .null, eval: Self.constant(.null))
        case .bool(let b): return Typed(type: .bool, eval: Self.constant(.bool(b)))
        case .int(let i): return Typed(type: .int, eval: Self.constant(.int(i)))
        case .double(let d): return Typed(type: .double, eval: Self.constant(.double(d)))
        case .string(let s): return Typed(type: .string, eval: Self.constant(.string(s)))
        case .bigInt(let value):
            report(ConditionError.Code.syntax, "integer \(value) is out of range", at: syntax.start)
            return Self.invalid
        }
    }

    private mutating func identifier(_ name: String, _ syntax: Syntax) -> Typed {
        if let local = locals.last(where: { $0.name == name }) {
            let slot = local.slot
            return Typed(type: local.type, eval: { frame in Runtime.read(frame.slots[slot], path: name) })
        }
        guard let type = declared[name] else {
            let candidates = Array(declared.keys) + locals.map(\.name)
            report(
                ConditionError.Code.unknownName,
                "unknown name '\(name)'\(Suggestions.hint(for: name, in: candidates))",
                at: syntax.start
            )
            return Self.invalid
        }
        let slot = globalSlot(name)
        return Typed(type: type, eval: { frame in Runtime.read(frame.slots[slot], path: name) })
    }

    private mutating func globalSlot(_ name: String) -> Int {
        if let slot = globalSlots[name] { return slot }
        let slot = newSlot()
        globalSlots[name] = slot
        globals.append((name, slot))
        return slot
    }

    mutating func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    /// Binds a macro variable to a fresh slot until `popLocal()`; it shadows outer names.
    mutating func pushLocal(_ name: String, _ type: ConditionType) -> Int {
        let slot = newSlot()
        locals.append((name, type, slot))
        return slot
    }

    mutating func popLocal() {
        locals.removeLast()
    }

    // MARK: - Collections

    private mutating func listLiteral(_ items: [Syntax]) -> Typed {
        var evals: [Eval] = []
        var element: ConditionType?
        for item in items {
            let typed = check(item)
            evals.append(typed.eval)
            element = element.map { ConditionType.join($0, typed.type) } ?? typed.type
        }
        let type = ConditionType.list(element ?? .dyn)
        let elements = evals
        return Typed(type: type) { frame in
            var facts: [Fact] = []
            facts.reserveCapacity(elements.count)
            for eval in elements {
                switch eval(&frame) {
                case .value(let value, let location): facts.append(Fact(value.factValue, at: location))
                case let other: return other
                }
            }
            return .value(.list(facts), nil)
        }
    }

    private mutating func mapLiteral(_ entries: [(key: Syntax, value: Syntax)]) -> Typed {
        var evals: [(key: Eval, value: Eval)] = []
        var valueType: ConditionType?
        var literalKeys: Set<String> = []
        for entry in entries {
            let key = check(entry.key)
            if key.type.kinds.isDisjoint(with: .string) {
                report(ConditionError.Code.type, "map keys must be strings, got \(key.type)", at: entry.key.start)
            }
            if let literal = entry.key.stringLiteral, !literalKeys.insert(literal).inserted {
                report(ConditionError.Code.type, "duplicate key '\(literal)' in map", at: entry.key.start)
            }
            let value = check(entry.value)
            valueType = valueType.map { ConditionType.join($0, value.type) } ?? value.type
            evals.append((key.eval, value.eval))
        }
        let pairs = evals
        return Typed(type: .map(valueType ?? .dyn)) { frame in
            var result: [FactEntry] = []
            result.reserveCapacity(pairs.count)
            for entry in pairs {
                let key = entry.key(&frame)
                guard case .value(let keyValue, let keyLocation) = key else { return key }
                guard case .string(let name) = keyValue else {
                    return .error("map keys must be strings, got \(keyValue.kindName)", keyLocation)
                }
                if result.contains(where: { $0.key == name }) {
                    return .error("duplicate key '\(name)' in map", keyLocation)
                }
                let value = entry.value(&frame)
                guard case .value(let v, let location) = value else { return value }
                result.append(FactEntry(key: name, keyLocation: keyLocation, value: Fact(v.factValue, at: location)))
            }
            return .value(.map(result), nil)
        }
    }

    // MARK: - Fields and indexes

    private mutating func select(_ operand: Syntax, _ name: String, _ syntax: Syntax) -> Typed {
        let base = check(operand)
        let type = fieldType(of: base.type, name, owner: operand, at: syntax.at)
        let path = text(syntax)
        let baseEval = base.eval
        if case .identifier(let variable) = operand.kind, !locals.contains(where: { $0.name == variable }),
            let slot = globalSlots[variable]
        {
            // A variable may be bound to a record of outcomes (evidence): read the field's own.
            return Typed(type: type) { frame in
                if case .record(let fields)? = frame.slots[slot] {
                    return Bindings.Binding.field(name, of: fields).map(Res.init) ?? .unknown(Unknown(path: path, location: nil))
                }
                return Runtime.field(name, of: baseEval(&frame), path: path)
            }
        }
        return Typed(type: type) { frame in Runtime.field(name, of: baseEval(&frame), path: path) }
    }

    /// The type of field `name` of a value of type `type`, reporting unknown fields of objects.
    private mutating func fieldType(of type: ConditionType, _ name: String, owner: Syntax, at position: Position)
        -> ConditionType
    {
        switch type.unwrapped {
        case .dyn: return .dyn
        case .map(let value): return value
        case .object(let object):
            if let field = object.fields[name] { return field }
            let ownerName: String =
                switch owner.kind {
                case .identifier(let n): n
                case .select(_, let n): n
                default: object.name
                }
            report(
                ConditionError.Code.unknownName,
                "'\(ownerName)' has no field '\(name)'\(Suggestions.hint(for: name, in: object.fields.keys))",
                at: position
            )
            return .dyn
        default:
            report(ConditionError.Code.type, "cannot read field '\(name)' of \(type)", at: position)
            return .dyn
        }
    }

    private mutating func index(_ operand: Syntax, _ key: Syntax, _ syntax: Syntax) -> Typed {
        let base = check(operand)
        let keyTyped = check(key)
        let keyKinds = keyTyped.type.kinds
        var type = ConditionType.dyn
        switch base.type.unwrapped {
        case .list(let element):
            if keyKinds.isDisjoint(with: .int) {
                report(ConditionError.Code.type, "list index must be int, got \(keyTyped.type)", at: key.start)
            }
            type = element
        case .map, .object:
            if keyKinds.isDisjoint(with: .string) {
                report(ConditionError.Code.type, "map key must be string, got \(keyTyped.type)", at: key.start)
            } else if let literal = key.stringLiteral {
                type = fieldType(of: base.type, literal, owner: operand, at: key.start)
            } else if case .map(let value) = base.type.unwrapped {
                type = value
            }
        case .dyn:
            if keyKinds.isDisjoint(with: [.int, .string]) {
                report(ConditionError.Code.type, "index must be int or string, got \(keyTyped.type)", at: key.start)
            }
        default:
            report(ConditionError.Code.type, "cannot index \(base.type)", at: syntax.at)
        }
        let path = text(syntax)
        let baseEval = base.eval
        let keyEval = keyTyped.eval
        return Typed(type: type) { frame in
            let b = baseEval(&frame)
            guard case .value(let container, let location) = b else { return b }
            let k = keyEval(&frame)
            guard case .value(let keyValue, let keyLocation) = k else { return k }
            return Runtime.index(container, at: location, by: keyValue, keyLocation, path: path)
        }
    }
}
