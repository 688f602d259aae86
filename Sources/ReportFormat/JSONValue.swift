import AuditBasics

/// A JSON document built in code and printed deterministically: object keys sorted by their
/// UTF-8 bytes, two-space indentation, non-ASCII text written as is, no escaped slashes.
///
/// Hand-written rather than `JSONEncoder` so the output is byte-identical on every platform
/// and Foundation version (goldens depend on it). The one JSON writer of the reports (JSON,
/// SARIF) and of the aggregator's outputs (rollups, diff SARIF); strings are quoted by
/// `JSONText`.
public enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    /// An array whose elements are made one at a time while it is written, so a list that
    /// grows with the number of venues is never held as a whole tree of values.
    case rows(Int, (Int) -> JSONValue)
    case object([String: JSONValue])

    /// The document, pretty-printed, with a final newline.
    public func rendered() -> String { String(decoding: renderedBytes(), as: UTF8.self) }

    /// `rendered()` as the UTF-8 bytes it is written in, for a file.
    public func renderedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 << 10)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    /// Written as UTF-8 bytes: appending to a String checked capacity and ASCII-ness on every
    /// piece, which made the JSON and SARIF reports cost several times the audit.
    private func write(to out: inout [UInt8], indent: Int) {
        func append(_ literal: StaticString) { literal.withUTF8Buffer { out.append(contentsOf: $0) } }
        func spaces(_ n: Int) { out.append(contentsOf: repeatElement(0x20, count: n)) }
        switch self {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .string(let s): JSONText.quote(s, to: &out)
        case .array(let items):
            JSONValue.rows(items.count, { items[$0] }).write(to: &out, indent: indent)
        case .rows(let count, let item):
            guard count > 0 else { return append("[]") }
            append("[\n")
            for n in 0..<count {
                spaces(indent + 2)
                item(n).write(to: &out, indent: indent + 2)
                append(n == count - 1 ? "\n" : ",\n")
            }
            spaces(indent)
            append("]")
        case .object(let members):
            guard !members.isEmpty else { return append("{}") }
            append("{\n")
            // Sorted by UTF-8 bytes, compared in place; members taken with their keys, so no
            // key is looked up again.
            let sorted = members.sorted { Self.bytesPrecede($0.key, $1.key) }
            for (n, member) in sorted.enumerated() {
                spaces(indent + 2)
                JSONText.quote(member.key, to: &out)
                append(": ")
                member.value.write(to: &out, indent: indent + 2)
                append(n == sorted.count - 1 ? "\n" : ",\n")
            }
            spaces(indent)
            append("}")
        }
    }
}

extension JSONValue {
    /// Whether `a`'s UTF-8 bytes sort before `b`'s: the buffers compared directly rather than
    /// through the generic sequence comparison.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        let direct = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
        return (direct ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A string, or null when absent.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
