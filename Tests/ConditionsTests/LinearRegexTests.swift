import Testing

@testable import Conditions

@Suite("Linear-time regular expressions")
struct LinearRegexTests {
    @Test("item 8: nested quantifiers that made the backtracking matcher hang answer at once")
    func item8CatastrophicPatterns() throws {
        let long = String(repeating: "a", count: 50_000) + "!"
        #expect(try !LinearRegex("^(a+)+$").matches(long))
        #expect(try !LinearRegex("^(a|aa)*$").matches(long))
        #expect(try !LinearRegex("(x+x+)+y").matches(String(repeating: "x", count: 50_000)))
        #expect(try LinearRegex("^(a+)+!$").matches(long))
    }

    /// Patterns built from the supported syntax, checked against the toolchain's `Regex` on
    /// short texts, where its backtracking is harmless.
    @Test("the matcher agrees with Swift's Regex on generated patterns and texts")
    func agreesWithRegex() throws {
        var rng = SplitMix(seed: 20_201_210)
        let atoms = ["a", "b", ".", "[ab]", "[^a]", "\\d", "(a|b)", "(?:ab)", "x", "-", "[a-c0-9]", "\\w", "\\s"]
        let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,2}", "{0,}", "*?"]
        let alphabet = Array("abx1- c")
        var checked = 0
        for _ in 0..<400 {
            var pattern = rng.next(4) == 0 ? "^" : ""
            for _ in 0...rng.next(3) { pattern += atoms[rng.next(atoms.count)] + quantifiers[rng.next(quantifiers.count)] }
            if rng.next(3) == 0 { pattern += "|" + atoms[rng.next(atoms.count)] }
            if rng.next(4) == 0 { pattern += "$" }
            let mine = try LinearRegex(pattern)
            let reference = try Regex(pattern)
            for _ in 0..<10 {
                let text = String((0..<rng.next(8)).map { _ in alphabet[rng.next(alphabet.count)] })
                #expect(mine.matches(text) == text.contains(reference), "'\(pattern)' on '\(text)'")
                checked += 1
            }
        }
        #expect(checked == 4_000)
    }

    @Test("syntax no linear-time engine can offer is refused with a reason")
    func refusedSyntax() {
        for (pattern, reason) in [
            ("(a)\\1", "back-references"), ("a(?=b)", "look-around"), ("a(?<=b)", "look-around"), ("a++", "possessive"),
            ("*a", "nothing to repeat"), ("(a", "missing ')'"), ("a)", "unbalanced"), ("[z-a]", "backwards"),
            ("a{3,1}", "backwards"), ("\\bword", "not supported"),
        ] {
            #expect(throws: LinearRegex.SyntaxError.self, "\(pattern)") { try LinearRegex(pattern) }
            let message =
                (try? LinearRegex(pattern)).map { _ in "" }
                ?? { () -> String in
                    do { _ = try LinearRegex(pattern) } catch { return "\(error)" }
                    return ""
                }()
            #expect(message.contains(reason), "\(pattern): \(message)")
        }
    }
}

/// A small seeded generator, so a failure can be replayed.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
