/// Bounds that keep compiling and evaluating a condition finite and small, whatever the input.
public enum ConditionLimits {
    /// Longest accepted expression, in Unicode scalars.
    public static let maxSourceLength = 65_536
    /// Deepest nesting of the syntax tree (parentheses, operands, arguments).
    public static let maxDepth = 100
    /// Longest string `+` or `lowerAscii()` may produce, in UTF-8 bytes.
    public static let maxStringBytes = 1 << 20
    /// Longest list `+`, a list literal or `map` may produce.
    public static let maxListCount = 100_000
    /// Most macro iterations (predicate evaluations) one evaluation may perform.
    public static let maxIterations = 1_000_000
}
