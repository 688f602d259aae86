import AuditBasics
import ReportFormat
import Testing

@Suite("JSON string quoting")
struct JSONQuotingTests {
    /// The definition, scalar by scalar, that the byte-level quoting must agree with.
    private func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    @Test("quoting by bytes gives the scalar definition's text on mixed and random texts")
    func bytesMatchDefinition() {
        let pieces = [
            "a", "登记簿", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
            "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{E2}", "é", "😀", "e\u{301}", "\"\u{301}", " ", "</script>",
        ]
        var strings = pieces + [pieces.joined(), ""]
        var seed: UInt64 = 12_345
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int(seed % 12) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s += pieces[Int((seed >> 33) % UInt64(pieces.count))]
            }
            strings.append(s)
        }
        for s in strings {
            #expect(JSONText.quote(s) == reference(s), "\(Array(s.unicodeScalars.map(\.value)))")
            var bytes: [UInt8] = []
            JSONText.quote(s, to: &bytes)
            #expect(bytes == Array(reference(s).utf8))
        }
    }

    @Test("object members are written in the byte order of their keys, prefixes first")
    func memberOrder() {
        let object = JSONValue.object(["b": .int(1), "a": .int(2), "ab": .int(3), "Z": .int(4), "é": .int(5), "e": .int(6), "": .int(7)])
        let keys = object.rendered().split(separator: "\n").dropFirst().dropLast().map { $0.split(separator: ":")[0] }
        #expect(keys == [#"  """#, #"  "Z""#, #"  "a""#, #"  "ab""#, #"  "b""#, #"  "e""#, #"  "é""#])
    }
}
