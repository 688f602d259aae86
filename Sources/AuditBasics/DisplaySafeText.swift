/// Text made safe to show a person: control characters (C0 but tab and, when kept, newline;
/// DEL; C1, whose ESC and CSI sequences drive terminals) and the bidirectional overrides,
/// embeddings and isolates that can make text read in another order than it is stored (U+202A
/// to U+202E, U+2066 to U+2069) become U+FFFD, so what a report or the terminal shows is what
/// the input held. Every human format uses it: terminal text, HTML, the diff.
public enum DisplaySafeText {
    public static func clean(_ s: String, keepNewlines: Bool = false) -> String {
        guard mayNeedCleaning(s.utf8) else { return s }
        var out = String.UnicodeScalarView()
        var changed = false
        for u in s.unicodeScalars {
            if !isUnsafe(u.value, keepNewlines: keepNewlines) {
                out.append(u)
            } else {
                changed = true
                out.append(u == "\n" || u == "\r" ? " " : "\u{FFFD}")
            }
        }
        return changed ? String(out) : s
    }

    private static func isUnsafe(_ v: UInt32, keepNewlines: Bool) -> Bool {
        if v < 0x20 { return v != 0x9 && !(keepNewlines && v == 0xA) }
        return (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// A byte-level test with no false negatives: a control byte, C2 80–9F (C1), or E2 80/81
    /// (the block holding the bidirectional controls).
    private static func mayNeedCleaning(_ bytes: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b < 0x20 && b != 0x9 { return true }
            if b == 0x7F { return true }
            if previous == 0xC2 && (0x80...0x9F).contains(b) { return true }
            if previous == 0xE2 && (b == 0x80 || b == 0x81) { return true }
            previous = b
        }
        return false
    }
}
