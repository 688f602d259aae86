import Testing

@testable import PolicyCatalog

@Suite("Rule ids")
struct RuleIDTests {
    @Test("the byte-level check accepts exactly what ^[A-Z]{2,}(-[A-Z0-9.]+)+$ matches")
    func matchesThePattern() {
        // The pattern the byte-level check stands for (a Regex is not Sendable, so not a static).
        let pattern = /^[A-Z]{2,}(-[A-Z0-9.]+)+$/
        var cases = [
            "CN-PIPL-17-NOTICE", "EU-GDPR-5.1.C-MINIMISATION", "XA-TEST-1", "AB-1", "AB-.", "A-1", "AB", "AB-", "AB--1",
            "-AB-1", "AB-1-", "ab-1", "AB-x", "1A-B", "AB-1 ", "ÄB-1", "AB-Ｃ", "", "AB.C-1", "AB_C-1",
        ]
        // Every string of up to four characters over an alphabet that covers each class.
        let alphabet: [Character] = ["A", "Z", "0", ".", "-", "a"]
        var frontier = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            cases += frontier
        }
        for id in cases {
            #expect(PackLoader.isValidRuleID(id) == (id.wholeMatch(of: pattern) != nil), "\(id)")
        }
    }
}
