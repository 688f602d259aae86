/// JSON text helpers shared by every writer of JSON (reports, schemas, rollups), so all of them
/// escape strings the same way.
public enum JSONText {
    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// and U+2028/U+2029 too, so the output is also safe inside JavaScript.
    public static func quote(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        quote(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal to UTF-8 bytes (the same text as `quote(_:to:)`),
    /// copying runs that need no escape at once rather than a character at a time.
    public static func quote(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var run = 0
            var i = 0
            let n = utf8.count
            func flush(_ upTo: Int) {
                if upTo > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<upTo])) }
            }
            // Below 64, one bit for each byte that may need escaping (controls and `"`); above,
            // only `\`, DEL and the lead byte of U+2028/U+2029.
            let special: UInt64 = 0xFFFF_FFFF | 1 << 0x22
            while i < n {
                let b = utf8[i]
                if b < 64 ? special >> b & 1 == 0 : b != 0x5C && b != 0x7F && b != 0xE2 {
                    i += 1
                    continue
                }
                var escaped: StaticString?
                var width = 1
                switch b {
                case 0x22: escaped = "\\\""
                case 0x5C: escaped = "\\\\"
                case 0x0A: escaped = "\\n"
                case 0x0D: escaped = "\\r"
                case 0x09: escaped = "\\t"
                case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escaped = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                case 0x00..<0x20, 0x7F:
                    flush(i)
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])  // \u00XX
                    i += 1
                    run = i
                    continue
                default: break
                }
                if let escaped {
                    flush(i)
                    escaped.withUTF8Buffer { out.append(contentsOf: $0) }
                    i += width
                    run = i
                } else {
                    i += 1
                }
            }
            flush(n)
        }
        out.append(0x22)
    }

    /// `s` as a JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = ""
        quote(s, to: &out)
        return out
    }
}
