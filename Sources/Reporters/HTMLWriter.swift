/// Builds an HTML page as UTF-8 bytes, so that data cannot become markup: markup goes in only as
/// string literals (`StaticString`), and everything else only through `text`, which escapes
/// `< > & " '` (as `&lt; &gt; &amp; &quot; &#39;`, valid in text and in quoted attribute values)
/// and makes the text display-safe the way `DisplaySafeText.clean(_:keepNewlines: true)` does:
/// tab and newline stay, carriage return becomes a space, other C0 and C1 controls, DEL and the
/// bidirectional embeddings, overrides and isolates become U+FFFD.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The page as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup written by the reporter itself.
    mutating func markup(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Data: escaped and cleaned.
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { appendEscaped($0) }
    }

    mutating func text(_ n: Int) {
        text(String(n))
    }

    private mutating func appendEscaped(_ input: UnsafeBufferPointer<UInt8>) {
        let n = input.count
        var start = 0  // first byte not yet copied
        var i = 0
        while i < n {
            let b = input[i]
            // Copied as it is, in runs: every byte but controls, `"&'<>`, DEL and the lead bytes
            // of C1 controls (C2) and of the bidirectional controls (E2). Below 64 one bit each.
            let special: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
            if b < 64 ? special >> b & 1 == 0 : b != 0x7F && b != 0xC2 && b != 0xE2 {
                i += 1
                continue
            }
            var replacement: StaticString? = nil
            var width = 1
            switch b {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0x09, 0x0A: break
            case 0x0D: replacement = " "
            case 0x00..<0x20, 0x7F: replacement = "\u{FFFD}"
            case 0xC2:
                if i + 1 < n, (0x80...0x9F).contains(input[i + 1]) {
                    replacement = "\u{FFFD}"
                    width = 2
                }
            case 0xE2:
                if i + 2 < n,
                    (input[i + 1] == 0x80 && (0xAA...0xAE).contains(input[i + 2]))
                        || (input[i + 1] == 0x81 && (0xA6...0xA9).contains(input[i + 2]))
                {
                    replacement = "\u{FFFD}"
                    width = 3
                }
            default: break
            }
            if let replacement {
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<i])) }
                markup(replacement)
                i += width
                start = i
            } else {
                i += 1
            }
        }
        if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<n])) }
    }
}
