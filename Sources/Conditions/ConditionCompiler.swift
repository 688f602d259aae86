import AuditBasics

/// Compiles condition expressions against declared variables and functions.
///
/// Compiling parses, resolves every name and field, checks types and builds the evaluation
/// tree; evaluation then never parses or looks anything up by spelling except map keys.
///
/// ```swift
/// let compiler = ConditionCompiler(variables: [
///     "target": ConditionType(collectionPointShape),
///     "assessment": ConditionType(assessmentShape),
///     "params": .object("params", ["max_retention_days": .int]),
/// ])
/// let rule = try compiler.compile("days_between(target.retention.oldest_record_date, assessment.date) <= params.max_retention_days", expecting: .bool)
/// ```
public struct ConditionCompiler: Sendable {
    public var variables: [String: ConditionType]
    public var functions: FunctionLibrary

    public init(variables: [String: ConditionType], functions: FunctionLibrary = .standard) {
        self.variables = variables
        self.functions = functions
    }

    /// Compiles `source`.
    ///
    /// - Parameter expecting: the type the whole expression must have (`.bool` for `require`
    ///   and `applies_if`); a `dyn` result is accepted, since it is checked when evaluated.
    /// - Throws: `ConditionError` with every problem found (a syntax error comes alone).
    public func compile(_ source: String, expecting expected: ConditionType? = nil) throws(ConditionError)
        -> CompiledCondition
    {
        let syntax = try Parser.parse(source)
        var checker = Checker(source: source, declared: variables, functions: functions)
        let typed = checker.check(syntax)
        if let expected, expected != .dyn, typed.type.kinds.isDisjoint(with: expected.kinds) {
            checker.report(
                ConditionError.Code.type,
                "the expression must be \(expected), got \(typed.type)",
                at: syntax.start
            )
        }
        guard checker.problems.isEmpty else {
            let sorted = checker.problems.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }
            throw ConditionError(sorted.map(\.element))
        }
        return CompiledCondition(
            source: source,
            resultType: typed.type,
            variables: checker.globals,
            frameSize: checker.slotCount,
            root: typed.eval
        )
    }
}
