import AuditBasics
import Testing

@testable import Reporters

@Suite("HTML writer")
struct HTMLWriterTests {
    /// What the HTML report did before `HTMLWriter`: escape `< > & " '` (as Mustache did, with
    /// `&#39;`), then clean the page with `DisplaySafeText`; here per scalar, not per character.
    static func reference(_ s: String) -> String {
        var escaped = ""
        for u in s.unicodeScalars {
            switch u {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(u)
            }
        }
        return DisplaySafeText.clean(escaped, keepNewlines: true)
    }

    static func written(_ s: String) -> String {
        var w = HTMLWriter(capacity: 0)
        w.text(s)
        return w.string
    }

    @Test(
        "text is escaped and made display-safe exactly as the Mustache page was",
        arguments: [
            "", "plain", "<b>\"x\" & 'y'</b>", "a\r\nb\tc\u{1}d\u{7F}e", "C1 \u{85} \u{9F} and Latin-1 \u{A0}\u{C2}\u{FF}",
            "bidi \u{202A}\u{202B}\u{202C}\u{202D}\u{202E} \u{2066}\u{2067}\u{2068}\u{2069} kept: \u{2014}\u{2029}\u{2065}\u{206A}\u{200F}",
            "张伟 5101**********1237：检查（严重）", "emoji 👩‍👩‍👧 &amp;", "\u{0}\u{1F}\u{20}", "ends with a no-break space \u{A0}",
        ])
    func matchesReference(_ s: String) {
        #expect(Self.written(s) == Self.reference(s))
    }

    @Test("random text over the interesting scalars matches the reference")
    func randomText() {
        let pool: [Unicode.Scalar] = [
            "a", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{C2}",
            "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{301}", "中",
            "\u{1F600}",
        ]
        var generator = SplitMix64(seed: 12)
        for _ in 0..<2_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 12) { s.append(pool[Int(generator.next() % UInt64(pool.count))]) }
            let text = String(s)
            #expect(Self.written(text) == Self.reference(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test("a quote or angle bracket followed by a combining mark is still escaped")
    func combiningMarks() {
        // Mustache escaped by grapheme cluster, so `"` + U+0301 was one character and went
        // through as it was: out of an attribute value. The writer escapes every such byte.
        #expect(Self.written("\"\u{301} onmouseover=x") == "&quot;\u{301} onmouseover=x")
        #expect(Self.written("<\u{338}script>'\u{301}") == "&lt;\u{338}script&gt;&#39;\u{301}")
    }

    @Test("markup goes in as it is written")
    func markup() {
        var w = HTMLWriter(capacity: 0)
        w.markup("<p title=\"")
        w.text("a\"b")
        w.markup("\">")
        w.text(42)
        w.markup("</p>")
        #expect(w.string == "<p title=\"a&quot;b\">42</p>")
    }
}

/// A small seeded generator, so the random test is the same on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("HTML anchors")
struct HTMLAnchorTests {
    /// The anchor rule as first written: per Unicode scalar, ASCII letters, digits and `-_.` kept.
    static func reference(_ s: String) -> String {
        String(
            s.unicodeScalars.map { u -> Character in
                u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || "-_.".unicodeScalars.contains(u))
                    ? Character(u) : "_"
            }
        )
    }

    @Test(
        "an anchor keeps ASCII letters, digits and -_. and writes one _ for anything else",
        arguments: [
            "CN-PIPL-19-RETENTION-north-gate-book", "", "a b/c#d", "登记点-1", "x\u{301}y", "👩‍👩‍👧", "A.z_0-9", "\"<>&'",
        ])
    func anchor(_ s: String) {
        #expect(HTMLReporter.anchorSafe(s) == Self.reference(s))
    }
}

@Suite("SARIF artifact URIs")
struct SARIFURITests {
    @Test("unreserved ASCII and '/' stay; every other byte, spaces and UTF-8 included, is %XX in capitals")
    func percentEncoding() {
        #expect(SARIFReporter.uri("samples/mall-1_a.b~c.yaml") == "samples/mall-1_a.b~c.yaml")
        #expect(SARIFReporter.uri("my venues/东门 #1?.yaml") == "my%20venues/%E4%B8%9C%E9%97%A8%20%231%3F.yaml")
        #expect(SARIFReporter.uri("a%b:c\\d\u{7F}\u{01}") == "a%25b%3Ac%5Cd%7F%01")
        #expect(SARIFReporter.uri("") == "")
    }
}
