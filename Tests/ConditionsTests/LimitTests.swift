import AuditBasics
import Conditions
import Testing

@Suite("Limits")
struct LimitTests {
    @Test(
        "deep or long input is rejected cleanly",
        arguments: [
            String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            String(repeating: "!", count: 10_000) + "true",
            String(repeating: "-", count: 10_000) + "1",
            "1" + String(repeating: " + 1", count: 10_000),
            "true" + String(repeating: " && true", count: 5_000),
            "target" + String(repeating: ".id", count: 5_000),
            String(repeating: "size(", count: 5_000) + "'a'" + String(repeating: ")", count: 5_000),
            String(repeating: "t ? 1 : ", count: 5_000) + "2",
            "{'a': " + String(repeating: "{'a': ", count: 5_000) + "1" + String(repeating: "}", count: 5_001),
        ])
    func tooDeep(source: String) throws {
        let error = try #require(compileError(source))
        #expect(error.problems.count == 1)
        #expect(error.message.contains("nested too deeply"))
        #expect(error.problems.first?.code == ConditionError.Code.syntax)
    }

    @Test("nesting just under the limit compiles and evaluates")
    func justUnderTheLimit() throws {
        let depth = ConditionLimits.maxDepth - 1
        let source = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(show(try run(source)) == "1")
        let sum = "1" + String(repeating: " + 1", count: ConditionLimits.maxDepth - 2)
        #expect(show(try run(sum)) == "\(ConditionLimits.maxDepth - 1)")
    }

    @Test("an over-long expression is rejected")
    func tooLong() throws {
        let source = "'" + String(repeating: "a", count: ConditionLimits.maxSourceLength) + "'"
        let error = try #require(compileError(source))
        #expect(error.message.contains("longer than"))
    }

    @Test("strings and lists cannot grow without bound")
    func growth() throws {
        let half = String(repeating: "a", count: ConditionLimits.maxStringBytes / 2 + 1)
        #expect(show(try run("s + s", ["s": Fact(.string(half))])) == "error")
        let items = [Fact](repeating: Fact(.int(1)), count: ConditionLimits.maxListCount / 2 + 1)
        #expect(show(try run("l + l", ["l": Fact(.list(items))])) == "error")
        #expect(show(try run("size(l + [1])", ["l": Fact(.list(items))])) == "\(items.count + 1)")
    }

    @Test("nested macros stop at the iteration budget")
    func iterationBudget() throws {
        let items = [Fact](repeating: Fact(.int(1)), count: 200)
        let outcome = try run("l.all(a, l.all(b, l.all(c, true)))", ["l": Fact(.list(items))])
        guard case .error(let message, _) = outcome else {
            Issue.record("expected an error, got \(outcome)")
            return
        }
        #expect(message.contains("macro steps"))
    }
}
