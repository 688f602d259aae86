import AuditBasics

/// Why a condition did not compile: one or more problems, each at a line and column of the
/// expression text (1-based, counted in Unicode scalars).
///
/// A syntax error stops parsing, so it comes alone; name and type errors are collected, so a
/// pack author sees all of them at once. The caller maps `line` and `column` into the pack file.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem in an expression.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// A stable diagnostic code such as `condition-syntax` (see `Code`).
        public var code: String
        /// Lowercase, no final period: `unknown name 'venu'; did you mean 'venue'?`.
        public var message: String
        /// 1-based line within the expression (1 for a one-line expression).
        public var line: Int
        /// 1-based column within that line.
        public var column: Int

        public init(code: String, message: String, line: Int, column: Int) {
            self.code = code
            self.message = message
            self.line = line
            self.column = column
        }

        /// `line:column: message`.
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The diagnostic codes problems use.
    public enum Code {
        /// Lexical and grammar errors, including the nesting and length limits.
        public static let syntax = "condition-syntax"
        /// An unknown variable, field, function or method.
        public static let unknownName = "condition-unknown-name"
        /// A string literal that is not a value of the enumeration it is compared with.
        public static let badValue = "condition-bad-value"
        /// Operands or arguments of the wrong type, a wrong number of arguments, a bad literal.
        public static let type = "condition-type"
    }

    /// In order of position; never empty.
    public var problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    /// The first problem's message.
    public var message: String { problems.first?.message ?? "invalid condition" }
    /// The first problem's line.
    public var line: Int { problems.first?.line ?? 1 }
    /// The first problem's column.
    public var column: Int { problems.first?.column ?? 1 }

    /// One `line:column: message` per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// The problems as error diagnostics; `locate` maps a line and column of the expression to
    /// a place in the file the expression was read from.
    public func diagnostics(_ locate: (_ line: Int, _ column: Int) -> FileLocation?) -> [Diagnostic] {
        problems.map { .error($0.code, $0.message, at: locate($0.line, $0.column)) }
    }
}
