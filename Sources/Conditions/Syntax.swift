/// A node of the parsed, not yet checked, expression.
struct Syntax: Sendable {
    indirect enum Kind: Sendable {
        case literal(Literal)
        case identifier(String)
        case list([Syntax])
        case map([(key: Syntax, value: Syntax)])
        /// `operand.name`; `at` is the position of `name`.
        case select(Syntax, String)
        /// `operand[index]`; `at` is the position of `[`.
        case index(Syntax, Syntax)
        /// `name(arguments)`; `at` is the position of `name`.
        case call(String, [Syntax])
        /// `receiver.name(arguments)`; `at` is the position of `name`.
        case method(Syntax, String, [Syntax])
        /// `at` is the position of the operator.
        case unary(UnaryOperator, Syntax)
        /// `at` is the position of the operator.
        case binary(BinaryOperator, Syntax, Syntax)
        /// `condition ? then : else`; `at` is the position of `?`.
        case conditional(Syntax, Syntax, Syntax)
    }

    enum Literal: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        /// Only valid negated (`-9223372036854775808`); an error anywhere else.
        case bigInt(UInt64)
        case double(Double)
        case string(String)
    }

    var kind: Kind
    /// Where the node's text begins.
    var start: Position
    /// Where messages about the node point (an operator, a field name).
    var at: Position
    /// The offset just past the node's text.
    var endOffset: Int
    /// Height of the tree below and including this node.
    var depth: Int

    /// The string literal this node is, if it is one.
    var stringLiteral: String? {
        if case .literal(.string(let value)) = kind { return value }
        return nil
    }
}

enum UnaryOperator: Sendable {
    case not, negate

    var symbol: String { self == .not ? "!" : "-" }
}

enum BinaryOperator: Sendable {
    case or, and
    case equal, notEqual, less, lessEqual, greater, greaterEqual, `in`
    case add, subtract, multiply, divide, remainder

    var symbol: String {
        switch self {
        case .or: "||"
        case .and: "&&"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .in: "in"
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .remainder: "%"
        }
    }

    /// CEL precedence: `||` binds loosest, then `&&`, relations, `+ -`, `* / %`.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: 3
        case .add, .subtract: 4
        case .multiply, .divide, .remainder: 5
        }
    }

    init?(_ kind: Token.Kind) {
        switch kind {
        case .or: self = .or
        case .and: self = .and
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        case .inKeyword: self = .in
        case .plus: self = .add
        case .minus: self = .subtract
        case .star: self = .multiply
        case .slash: self = .divide
        case .percent: self = .remainder
        default: return nil
        }
    }
}
