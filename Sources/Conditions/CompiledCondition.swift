import AuditBasics

/// A checked condition, compiled once and evaluated many times, from any thread.
public final class CompiledCondition: Sendable {
    /// The expression text as written.
    public let source: String
    /// The static type of the result (`bool` for a checked `require`, or `dyn`).
    public let resultType: ConditionType
    /// The declared variables the expression reads, in first-use order.
    public let variables: [String]
    private let slots: [Int]
    private let frameSize: Int
    private let root: Eval

    init(source: String, resultType: ConditionType, variables: [(name: String, slot: Int)], frameSize: Int, root: @escaping Eval) {
        self.source = source
        self.resultType = resultType
        self.variables = variables.map(\.name)
        slots = variables.map(\.slot)
        self.frameSize = frameSize
        self.root = root
    }

    /// Evaluates the condition; never traps. Variables the expression reads but `bindings`
    /// lacks are unknown.
    public func evaluate(_ bindings: Bindings) -> Outcome {
        var frame = Frame(slots: Array(repeating: nil, count: frameSize), iterations: ConditionLimits.maxIterations)
        for (name, slot) in zip(variables, slots) {
            frame.slots[slot] = bindings.binding(name)
        }
        return root(&frame).outcome
    }
}
