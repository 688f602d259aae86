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
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): JSONText.quote(s, to: &out)
        case .array(let items):
            JSONValue.rows(items.count, { items[$0] }).write(to: &out, indent: indent)
        case .rows(let count, let item):
            guard count > 0 else {
                out += "[]"
                return
            }
            out += "[\n"
            for n in 0..<count {
                out += String(repeating: " ", count: indent + 2)
                item(n).write(to: &out, indent: indent + 2)
                out += n == count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (n, key) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONText.quote(key, to: &out)
                out += ": "
                members[key]?.write(to: &out, indent: indent + 2)
                out += n == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

}

extension JSONValue {
    /// A string, or null when absent.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
