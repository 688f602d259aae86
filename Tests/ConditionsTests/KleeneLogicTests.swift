import AuditBasics
import Conditions
import Testing

/// `t` is bound to true, `f` to false and `u` is declared but unbound (unknown).
@Suite("Kleene logic")
struct KleeneLogicTests {
    static let operands = ["t", "f", "u"]

    /// The truth value of an operand name in Kleene's logic: true, false or nil for unknown.
    static func truth(_ name: String) -> Bool? {
        switch name {
        case "t": true
        case "f": false
        default: nil
        }
    }

    static func expected(_ value: Bool?) -> String { value.map { "\($0)" } ?? "unknown" }

    @Test("&& over all nine pairs", arguments: operands, operands)
    func and(a: String, b: String) throws {
        let x = Self.truth(a)
        let y = Self.truth(b)
        let want: Bool? = (x == false || y == false) ? false : (x == true && y == true) ? true : nil
        #expect(show(try run("\(a) && \(b)")) == Self.expected(want))
    }

    @Test("|| over all nine pairs", arguments: operands, operands)
    func or(a: String, b: String) throws {
        let x = Self.truth(a)
        let y = Self.truth(b)
        let want: Bool? = (x == true || y == true) ? true : (x == false && y == false) ? false : nil
        #expect(show(try run("\(a) || \(b)")) == Self.expected(want))
    }

    @Test("! negates true and false and keeps unknown", arguments: [("t", "false"), ("f", "true"), ("u", "unknown")])
    func not(operand: String, want: String) throws {
        #expect(show(try run("!\(operand)")) == want)
        #expect(show(try run("!!\(operand)")) == show(try run(operand)))
    }

    @Test("the literal truth table, written out")
    func writtenOut() throws {
        let table: [(String, String)] = [
            ("true && true", "true"), ("true && false", "false"), ("true && u", "unknown"),
            ("false && true", "false"), ("false && false", "false"), ("false && u", "false"),
            ("u && true", "unknown"), ("u && false", "false"), ("u && u", "unknown"),
            ("true || true", "true"), ("true || false", "true"), ("true || u", "true"),
            ("false || true", "true"), ("false || false", "false"), ("false || u", "unknown"),
            ("u || true", "true"), ("u || false", "unknown"), ("u || u", "unknown"),
        ]
        for (source, want) in table {
            #expect(show(try run(source)) == want, "\(source)")
        }
    }

    @Test("a deciding operand wins over an error on the other side, in both orders")
    func decidingBeatsError() throws {
        let zero = ["n": Fact(.int(0))]
        #expect(show(try run("f && 1 / n == 1", zero)) == "false")
        #expect(show(try run("1 / n == 1 && f", zero)) == "false")
        #expect(show(try run("t || 1 / n == 1", zero)) == "true")
        #expect(show(try run("1 / n == 1 || t", zero)) == "true")
        #expect(show(try run("t && 1 / n == 1", zero)) == "error")
        #expect(show(try run("u && 1 / n == 1", zero)) == "error")
        #expect(show(try run("1 / n == 1 || u", zero)) == "error")
    }

    @Test("an unknown condition of ?: is unknown unless both branches agree")
    func conditional() throws {
        #expect(show(try run("u ? 1 : 2")) == "unknown")
        #expect(show(try run("u ? 1 : 1")) == "1")
        #expect(show(try run("u ? 1 : 1.0")) == "unknown")
        #expect(show(try run("t ? 1 : 2")) == "1")
        #expect(show(try run("f ? 1 : 2")) == "2")
        #expect(show(try run("t ? 1 : ui")) == "1")
        #expect(show(try run("f ? 1 : ui")) == "unknown")
    }
}
