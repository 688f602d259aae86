/// Recursive-descent parser for the CEL subset, with CEL's precedence.
///
/// Nesting is bounded (`ConditionLimits.maxDepth`) both in the parser's own recursion and in the
/// height of the tree it builds, so the checker and evaluator, which recurse over the tree,
/// cannot overflow the stack on hostile input.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private var nesting = 0

    /// Parses a whole expression; throws the first syntax error.
    static func parse(_ source: String) throws(ConditionError) -> Syntax {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let syntax = try parser.expression()
        guard parser.current.kind == .end else { throw parser.unexpected() }
        return syntax
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: - Grammar

    private mutating func expression() throws(ConditionError) -> Syntax {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= ConditionLimits.maxDepth else { throw tooDeep() }
        let condition = try binary(minimum: 1)
        guard current.kind == .question else { return condition }
        let question = advance()
        let then = try binary(minimum: 1)
        try expect(.colon)
        let otherwise = try expression()
        return try node(
            .conditional(condition, then, otherwise), from: condition, at: question.start, children: [condition, then, otherwise])
    }

    private mutating func binary(minimum: Int) throws(ConditionError) -> Syntax {
        var left = try unary()
        while let op = BinaryOperator(current.kind), op.precedence >= minimum {
            let token = advance()
            let right = try binary(minimum: op.precedence + 1)
            left = try node(.binary(op, left, right), from: left, at: token.start, children: [left, right])
        }
        return left
    }

    private mutating func unary() throws(ConditionError) -> Syntax {
        var operators: [Token] = []
        while current.kind == .bang || current.kind == .minus {
            operators.append(advance())
            guard operators.count <= ConditionLimits.maxDepth else { throw tooDeep() }
        }
        var result = try member()
        for token in operators.reversed() {
            let op: UnaryOperator = token.kind == .bang ? .not : .negate
            if op == .negate, let negated = Parser.negatedLiteral(result) {
                result = Syntax(kind: .literal(negated), start: token.start, at: token.start, endOffset: result.endOffset, depth: 1)
            } else {
                result = try node(.unary(op, result), start: token.start, at: token.start, children: [result])
            }
        }
        return result
    }

    private static func negatedLiteral(_ syntax: Syntax) -> Syntax.Literal? {
        switch syntax.kind {
        case .literal(.int(let value)): return .int(-value)
        case .literal(.bigInt(let value)) where value == UInt64(Int.max) + 1: return .int(Int.min)
        case .literal(.double(let value)): return .double(-value)
        default: return nil
        }
    }

    private mutating func member() throws(ConditionError) -> Syntax {
        var result = try primary()
        while true {
            if current.kind == .dot {
                advance()
                let nameToken = current
                guard case .identifier(let name) = nameToken.kind else { throw unexpected(expecting: "a field name") }
                advance()
                if current.kind == .leftParen {
                    let arguments = try argumentList(closing: .rightParen)
                    result = try node(.method(result, name, arguments), from: result, at: nameToken.start, children: [result] + arguments)
                } else {
                    result = try node(.select(result, name), from: result, at: nameToken.start, children: [result])
                }
            } else if current.kind == .leftBracket {
                let bracket = advance()
                let subscriptExpression = try expression()
                try expect(.rightBracket)
                result = try node(
                    .index(result, subscriptExpression), from: result, at: bracket.start, children: [result, subscriptExpression])
            } else {
                return result
            }
        }
    }

    private mutating func primary() throws(ConditionError) -> Syntax {
        let token = current
        func leaf(_ kind: Syntax.Kind) -> Syntax {
            Syntax(kind: kind, start: token.start, at: token.start, endOffset: token.endOffset, depth: 1)
        }
        switch token.kind {
        case .int(let value):
            advance()
            return leaf(.literal(.int(value)))
        case .bigInt(let value):
            advance()
            return leaf(.literal(.bigInt(value)))
        case .double(let value):
            advance()
            return leaf(.literal(.double(value)))
        case .string(let value):
            advance()
            return leaf(.literal(.string(value)))
        case .trueKeyword, .falseKeyword:
            advance()
            return leaf(.literal(.bool(token.kind == .trueKeyword)))
        case .nullKeyword:
            advance()
            return leaf(.literal(.null))
        case .identifier(let name):
            advance()
            guard current.kind == .leftParen else { return leaf(.identifier(name)) }
            let arguments = try argumentList(closing: .rightParen)
            return try node(.call(name, arguments), start: token.start, at: token.start, children: arguments)
        case .leftParen:
            advance()
            var inner = try expression()
            try expect(.rightParen)
            inner.start = token.start
            inner.endOffset = previousEnd
            return inner
        case .leftBracket:
            let elements = try argumentList(closing: .rightBracket)
            return try node(.list(elements), start: token.start, at: token.start, children: elements)
        case .leftBrace:
            return try mapLiteral()
        default:
            throw unexpected()
        }
    }

    /// `( a, b )` or `[ a, b, ]`: the opening token is current; a trailing comma is allowed
    /// only in list literals.
    private mutating func argumentList(closing: Token.Kind) throws(ConditionError) -> [Syntax] {
        advance()
        var items: [Syntax] = []
        while current.kind != closing {
            items.append(try expression())
            guard current.kind == .comma else { break }
            advance()
            if closing == .rightParen, current.kind == closing { throw unexpected() }
        }
        try expect(closing)
        return items
    }

    private mutating func mapLiteral() throws(ConditionError) -> Syntax {
        let brace = advance()
        var entries: [(key: Syntax, value: Syntax)] = []
        var children: [Syntax] = []
        while current.kind != .rightBrace {
            let key = try expression()
            try expect(.colon)
            let value = try expression()
            entries.append((key, value))
            children += [key, value]
            guard current.kind == .comma else { break }
            advance()
        }
        try expect(.rightBrace)
        return try node(.map(entries), start: brace.start, at: brace.start, children: children)
    }

    // MARK: - Tokens and nodes

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private var previousEnd: Int { index > 0 ? tokens[index - 1].endOffset : 0 }

    @discardableResult
    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func expect(_ kind: Token.Kind) throws(ConditionError) {
        guard current.kind == kind else { throw unexpected(expecting: "'\(Token(kind: kind, start: .start, endOffset: 0).display)'") }
        advance()
    }

    private func node(_ kind: Syntax.Kind, from first: Syntax, at: Position, children: [Syntax]) throws(ConditionError) -> Syntax {
        try node(kind, start: first.start, at: at, children: children)
    }

    private func node(_ kind: Syntax.Kind, start: Position, at: Position, children: [Syntax]) throws(ConditionError) -> Syntax {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        guard depth <= ConditionLimits.maxDepth else { throw tooDeep() }
        return Syntax(kind: kind, start: start, at: at, endOffset: previousEnd, depth: depth)
    }

    private func unexpected(expecting: String? = nil) -> ConditionError {
        let token = current
        var message =
            token.kind == .end ? "unexpected end of expression" : "unexpected token '\(token.display)'"
        if let expecting { message += "; expected \(expecting)" }
        return error(message, at: token.start)
    }

    private func tooDeep() -> ConditionError {
        error("expression is nested too deeply (more than \(ConditionLimits.maxDepth) levels)", at: current.start)
    }

    private func error(_ message: String, at position: Position) -> ConditionError {
        ConditionError([.init(code: ConditionError.Code.syntax, message: message, line: position.line, column: position.column)])
    }
}
