/// Writes XML straight into a byte buffer: element and attribute names are static strings
/// checked by the caller's code, every value goes through escaping, so the document is
/// well-formed by construction.
///
/// Written by hand rather than through libxml2's `xmlTextWriter` because the report writer
/// spent most of its time in that writer's per-call bookkeeping (a C string per name and value,
/// an indentation stack, a flush through an output buffer); this appends bytes and nothing else.
/// Escaping follows libxml2's writer: `& < >` in text, plus `"` and tab, line feed and carriage
/// return as character references in attributes, and any character XML 1.0 forbids (C0
/// controls other than tab, line feed and carriage return; U+FFFE; U+FFFF) as U+FFFD.
///
/// Elements are written one per line without indentation; a reader never depends on white
/// space. Not Sendable: a buffer belongs to one render call.
public struct XMLBytes {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 16 << 10) {
        bytes.reserveCapacity(capacity)
        append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        bytes.append(0x0A)
    }

    /// `<name`; attributes may follow, then `open()` or `close()`.
    public mutating func start(_ name: StaticString) {
        bytes.append(0x3C)
        append(name)
    }

    /// ` name="value"`; a nil value writes nothing.
    public mutating func attribute(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        bytes.append(0x20)
        append(name)
        bytes.append(contentsOf: [0x3D, 0x22])  // ="
        escape(value, attribute: true)
        bytes.append(0x22)
    }

    /// ` name="n"`.
    public mutating func attribute(_ name: StaticString, _ value: Int) {
        bytes.append(0x20)
        append(name)
        bytes.append(contentsOf: [0x3D, 0x22])
        appendDecimal(value)
        bytes.append(0x22)
    }

    /// ` name="true"` or `"false"`.
    public mutating func attribute(_ name: StaticString, _ value: Bool) {
        bytes.append(0x20)
        append(name)
        append(value ? #"="true""# : #"="false""#)
    }

    /// Ends a start tag whose element has children: `>` and a new line.
    public mutating func open() { bytes.append(contentsOf: [0x3E, 0x0A]) }

    /// Ends a start tag as an empty element: `/>` and a new line.
    public mutating func close() { bytes.append(contentsOf: [0x2F, 0x3E, 0x0A]) }

    /// Ends a start tag, writes `text` as the content and the end tag: `>text</name>`.
    public mutating func text(_ text: String, end name: StaticString) {
        bytes.append(0x3E)
        escape(text, attribute: false)
        end(name)
    }

    /// `</name>` and a new line.
    public mutating func end(_ name: StaticString) {
        bytes.append(contentsOf: [0x3C, 0x2F])
        append(name)
        bytes.append(contentsOf: [0x3E, 0x0A])
    }

    /// `<name>text</name>`, nothing when `text` is nil.
    public mutating func element(_ name: StaticString, _ text: String?) {
        guard let text else { return }
        start(name)
        self.text(text, end: name)
    }

    /// `<name lang="en">…</name><name lang="zh">…</name>`.
    public mutating func bilingual(_ name: StaticString, en: String, zh: String) {
        start(name)
        append(#" lang="en""#)
        text(en, end: name)
        start(name)
        append(#" lang="zh""#)
        text(zh, end: name)
    }

    /// Raw markup from the program itself (never data).
    public mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    // MARK: - Private

    private mutating func appendDecimal(_ value: Int) {
        if value < 0 {
            bytes.append(0x2D)
            appendDecimal(0 - value)
            return
        }
        if value >= 10 { appendDecimal(value / 10) }
        bytes.append(0x30 + UInt8(value % 10))
    }

    private mutating func escape(_ s: String, attribute: Bool) {
        var s = s
        s.withUTF8 { escape($0, attribute: attribute) }
    }

    /// Copies runs of plain bytes at once and replaces only what must be replaced.
    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        var runStart = 0
        var i = 0
        let n = utf8.count
        func flush(_ upTo: Int, _ me: inout XMLBytes) {
            if upTo > runStart { me.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<upTo])) }
        }
        // Below 64, one bit for each byte that may need replacing (controls and `"&<>`); above,
        // only the lead byte of U+FFFE and U+FFFF does.
        let special: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
        while i < n {
            let b = utf8[i]
            if b < 64 ? special >> b & 1 == 0 : b != 0xEF {
                i += 1
                continue
            }
            let replacement: StaticString?
            var width = 1
            switch b {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = attribute ? "&quot;" : nil
            case 0x0D: replacement = "&#13;"
            case 0x0A: replacement = attribute ? "&#10;" : nil
            case 0x09: replacement = attribute ? "&#9;" : nil
            case 0x00..<0x20: replacement = "\u{FFFD}"
            case 0xEF where i + 2 < n && utf8[i + 1] == 0xBF && utf8[i + 2] >= 0xBE:
                replacement = "\u{FFFD}"  // U+FFFE, U+FFFF
                width = 3
            default: replacement = nil
            }
            if let replacement {
                flush(i, &self)
                append(replacement)
                i += width
                runStart = i
            } else {
                i += 1
            }
        }
        flush(n, &self)
    }
}
