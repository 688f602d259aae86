/// Escaping for the XML and HTML written by hand (the aggregator's outputs, the audit's index page).
public enum Markup {
    /// Text or attribute value: `& < > " '` escaped, characters XML 1.0 forbids replaced.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in LibXML.xml10Safe(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// ` name="value"` for each pair with a value, in order.
    public static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(escape($0))\"" } }.joined()
    }
}
