/// A place in the expression text: 1-based line and column, and the scalar offset.
struct Position: Sendable, Hashable {
    var line: Int
    var column: Int
    var offset: Int

    static let start = Position(line: 1, column: 1, offset: 0)
}

/// One lexical token of a condition.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case int(Int)
        /// An integer literal too large for `Int`, kept so that `-9223372036854775808` parses.
        case bigInt(UInt64)
        case double(Double)
        case string(String)
        case identifier(String)
        case trueKeyword, falseKeyword, nullKeyword, inKeyword
        case dot, comma, colon, question
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case plus, minus, star, slash, percent, bang
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case and, or
        case end
    }

    var kind: Kind
    var start: Position
    /// The offset just past the token.
    var endOffset: Int

    /// How the token is quoted in `unexpected token ')'`.
    var display: String {
        switch kind {
        case .int(let value): "\(value)"
        case .bigInt(let value): "\(value)"
        case .double(let value): "\(value)"
        case .string: "string literal"
        case .identifier(let name): name
        case .trueKeyword: "true"
        case .falseKeyword: "false"
        case .nullKeyword: "null"
        case .inKeyword: "in"
        case .dot: "."
        case .comma: ","
        case .colon: ":"
        case .question: "?"
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .leftBrace: "{"
        case .rightBrace: "}"
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .percent: "%"
        case .bang: "!"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .and: "&&"
        case .or: "||"
        case .end: "end of expression"
        }
    }
}
