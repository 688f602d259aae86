import Testing

@testable import ReportFormat

@Suite("Characters XML 1.0 forbids")
struct XMLCharacterTests {
    /// The definition, scalar by scalar, that the byte-level check must agree with.
    private func allowed(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            let v = u.value
            return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
        }
    }

    @Test("the byte-level check agrees with the scalar definition on mixed texts")
    func byteCheckMatchesDefinition() {
        let pieces = [
            "a", "登记", "\u{0}", "\u{1}", "\t", "\n", "\r", "\u{1F}", " ", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
            "\u{FFEF}", "\u{EFBF}", "é", "😀", "\u{7F}", "\u{85}",
        ]
        var state: UInt64 = 42
        var rejected = 0
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<6 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(LibXML.isXML10Safe(s) == allowed(s), "disagree on \(s.unicodeScalars.map { $0.value })")
            if !allowed(s) { rejected += 1 }
        }
        #expect(rejected > 500)
        #expect(LibXML.xml10Safe("a\u{0}b\u{FFFF}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(LibXML.xml10Safe("登记簿\t\n") == "登记簿\t\n")
    }
}
