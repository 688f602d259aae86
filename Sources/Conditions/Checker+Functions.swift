import AuditBasics

extension Checker {
    // MARK: - Global functions

    mutating func call(_ name: String, _ arguments: [Syntax], _ syntax: Syntax) -> Typed {
        switch name {
        case "has":
            return has(arguments, syntax)
        case "size":
            guard let a = unaryArgument(name, arguments, syntax, expecting: [.string, .list, .map], "string, list or map")
            else { return Self.invalid }
            return Typed(type: .int, eval: Self.strict1(a, Runtime.size))
        case "int":
            guard let a = unaryArgument(name, arguments, syntax, expecting: [.int, .double, .string], "int, double or string")
            else { return Self.invalid }
            return Typed(type: .int, eval: Self.strict1(a, Runtime.toInt))
        case "double":
            guard let a = unaryArgument(name, arguments, syntax, expecting: [.int, .double, .string], "int, double or string")
            else { return Self.invalid }
            return Typed(type: .double, eval: Self.strict1(a, Runtime.toDouble))
        case "string":
            let kinds: Kinds = [.bool, .int, .double, .string, .date]
            guard let a = unaryArgument(name, arguments, syntax, expecting: kinds, "bool, int, double, string or date")
            else { return Self.invalid }
            return Typed(type: .string, eval: Self.strict1(a, Runtime.toString))
        case "date":
            return date(arguments, syntax)
        case "days_between":
            let typed = arguments.map { check($0) }
            guard checkArity(name, arguments, 2, at: syntax.at) else { return Self.invalid }
            for (argument, t) in zip(arguments, typed) {
                expectKinds(t.type, .date, "date", context: "days_between()", at: argument.start)
            }
            return Typed(type: .int, eval: Self.strict2(typed[0].eval, typed[1].eval, Runtime.daysBetween))
        default:
            return extensionCall(name, arguments, syntax)
        }
    }

    /// `has(a.b.c)`: true when the last field is present, false when it or a parent is
    /// absent (or read through a null); never unknown.
    private mutating func has(_ arguments: [Syntax], _ syntax: Syntax) -> Typed {
        guard arguments.count == 1, case .select = arguments[0].kind else {
            for argument in arguments { _ = check(argument) }
            report(ConditionError.Code.type, "has() expects one field selection, such as has(a.b)", at: syntax.at)
            return Self.invalid
        }
        let selection = check(arguments[0]).eval
        return Typed(type: .bool) { frame in
            switch selection(&frame) {
            case .value(_, let location): .value(.bool(true), location)
            case .unknown(let unknown): .value(.bool(false), unknown.location)
            case let error: error
            }
        }
    }

    /// `date(s)`: a literal argument is parsed now, so a bad date is a load error.
    private mutating func date(_ arguments: [Syntax], _ syntax: Syntax) -> Typed {
        if arguments.count == 1, let literal = arguments[0].stringLiteral {
            guard let day = CivilDate(iso: literal) else {
                report(
                    ConditionError.Code.type,
                    "'\(literal)' is not a valid date; expected YYYY-MM-DD",
                    at: arguments[0].start
                )
                return Self.invalid
            }
            return Typed(type: .date, eval: Self.constant(.date(day)))
        }
        guard let a = unaryArgument("date", arguments, syntax, expecting: [.string, .date], "string or date")
        else { return Self.invalid }
        return Typed(type: .date, eval: Self.strict1(a, Runtime.toDate))
    }

    private mutating func extensionCall(_ name: String, _ arguments: [Syntax], _ syntax: Syntax) -> Typed {
        let typed = arguments.map { check($0) }
        guard let function = functions.function(named: name) else {
            if FunctionLibrary.builtinMethods.contains(name) {
                report(ConditionError.Code.unknownName, "'\(name)' is a method; call it as x.\(name)(...)", at: syntax.at)
            } else {
                let candidates = FunctionLibrary.builtinFunctions.union(functions.names)
                report(
                    ConditionError.Code.unknownName,
                    "unknown function '\(name)'\(Suggestions.hint(for: name, in: candidates.sorted()))",
                    at: syntax.at
                )
            }
            return Self.invalid
        }
        guard checkArity(name, arguments, function.parameters.count, at: syntax.at) else { return Self.invalid }
        for (i, (argument, t)) in zip(arguments, typed).enumerated() {
            let parameter = function.parameters[i]
            if t.type.kinds.isDisjoint(with: parameter.kinds) {
                report(
                    ConditionError.Code.type,
                    "\(name)() expects \(parameter) as argument \(i + 1), got \(t.type)",
                    at: argument.start
                )
            } else if let literal = argument.stringLiteral {
                checkEnumerationValue(literal, of: parameter, at: argument.start)
            }
        }
        return Typed(type: function.result, eval: Runtime.call(function, typed.map(\.eval)))
    }

    // MARK: - Methods

    mutating func method(_ receiver: Syntax, _ name: String, _ arguments: [Syntax], _ syntax: Syntax) -> Typed {
        if let kind = MacroKind(rawValue: name) { return macro(kind, receiver, arguments, syntax) }
        let target = check(receiver)
        let typed = arguments.map { check($0) }
        switch name {
        case "size":
            guard checkArity(name, arguments, 0, at: syntax.at) else { return Self.invalid }
            expectKinds(target.type, [.string, .list, .map], "string, list or map", context: "size()", at: syntax.at)
            return Typed(type: .int, eval: Self.strict1(target.eval, Runtime.size))
        case "lowerAscii":
            guard checkArity(name, arguments, 0, at: syntax.at) else { return Self.invalid }
            expectKinds(target.type, .string, "string", context: "lowerAscii()", at: syntax.at)
            return Typed(type: .string, eval: Self.strict1(target.eval, Runtime.lowerAscii))
        case "startsWith", "endsWith", "contains", "matches":
            guard checkArity(name, arguments, 1, at: syntax.at) else { return Self.invalid }
            expectKinds(target.type, .string, "string", context: "\(name)()", at: syntax.at)
            expectKinds(typed[0].type, .string, "string", context: "\(name)()", at: arguments[0].start)
            if name == "matches" { return matches(target, arguments[0], typed[0]) }
            let test = Runtime.stringTest(name)
            return Typed(type: .bool, eval: Self.strict2(target.eval, typed[0].eval, test))
        default:
            let candidates = FunctionLibrary.builtinMethods.sorted()
            var message = "unknown method '\(name)'\(Suggestions.hint(for: name, in: candidates))"
            if functions.function(named: name) != nil || FunctionLibrary.builtinFunctions.contains(name) {
                message = "'\(name)' is a function, not a method; call it as \(name)(...)"
            }
            report(ConditionError.Code.unknownName, message, at: syntax.at)
            return Self.invalid
        }
    }

    /// `s.matches(re)`: the pattern must be a literal, compiled now for the linear-time matcher,
    /// so a bad pattern is a load error and no input can supply a pattern of its own.
    private mutating func matches(_ target: Typed, _ patternSyntax: Syntax, _ pattern: Typed) -> Typed {
        guard let literal = patternSyntax.stringLiteral else {
            report(
                ConditionError.Code.type, "matches() takes a literal pattern, checked when the pack loads, not a computed one",
                at: patternSyntax.start)
            return Self.invalid
        }
        do {
            let regex = try LinearRegex(literal)
            return Typed(
                type: .bool,
                eval: Self.strict1(target.eval) { value, location in
                    Runtime.match(value, regex, location)
                })
        } catch {
            report(ConditionError.Code.type, "invalid regular expression '\(literal)': \(error)", at: patternSyntax.start)
            return Self.invalid
        }
    }

    // MARK: - Argument checks

    /// Checks a one-argument call; nil (after reporting) when the count is wrong.
    private mutating func unaryArgument(
        _ name: String, _ arguments: [Syntax], _ syntax: Syntax, expecting kinds: Kinds, _ expected: String
    ) -> Eval? {
        let typed = arguments.map { check($0) }
        guard checkArity(name, arguments, 1, at: syntax.at) else { return nil }
        expectKinds(typed[0].type, kinds, expected, context: "\(name)()", at: arguments[0].start)
        return typed[0].eval
    }

    mutating func checkArity(_ name: String, _ arguments: [Syntax], _ count: Int, at position: Position) -> Bool {
        guard arguments.count != count else { return true }
        let noun = count == 1 ? "argument" : "arguments"
        report(ConditionError.Code.type, "\(name)() takes \(count) \(noun), got \(arguments.count)", at: position)
        return false
    }

    mutating func expectKinds(_ type: ConditionType, _ kinds: Kinds, _ expected: String, context: String, at position: Position) {
        guard type.kinds.isDisjoint(with: kinds) else { return }
        report(ConditionError.Code.type, "\(context) expects \(expected), got \(type)", at: position)
    }
}
