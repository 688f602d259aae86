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
        var own = bindings
        return evaluate(reusing: &own)
    }

    /// The same as `evaluate(_:)`, but the variable slots live in `bindings`' scratch space
    /// between calls, so a caller that evaluates many conditions does not allocate a frame for
    /// each.
    public func evaluate(reusing bindings: inout Bindings) -> Outcome {
        var frame = Frame(slots: [], iterations: ConditionLimits.maxIterations)
        swap(&frame.slots, &bindings.scratch)
        if frame.slots.count < frameSize {
            frame.slots.append(contentsOf: repeatElement(nil, count: frameSize - frame.slots.count))
        }
        for i in 0..<frameSize { frame.slots[i] = nil }
        for (name, slot) in zip(variables, slots) {
            frame.slots[slot] = bindings.binding(name)
        }
        let outcome = root(&frame).outcome
        for i in 0..<frameSize { frame.slots[i] = nil }
        swap(&frame.slots, &bindings.scratch)
        return outcome
    }
}
