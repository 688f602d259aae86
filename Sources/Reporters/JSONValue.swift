import AuditBasics
/// A JSON document built in code and printed deterministically: object keys sorted by their
/// UTF-8 bytes, two-space indentation, non-ASCII text written as is, no escaped slashes.
///
/// Hand-written rather than `JSONEncoder` so the output is byte-identical on every platform
/// and Foundation version (goldens depend on it).
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The document, pretty-printed, with a final newline.
    func rendered() -> String {
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
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (n, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += n == items.count - 1 ? "\n" : ",\n"
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
    static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
}
