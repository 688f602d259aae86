/// A rule message split at its `{name}` placeholders: the one parser of message templates, used
/// by the pack loader (every placeholder must name evidence, a param or the target id) and by
/// the engine (which fills them in).
///
/// A `{` without a closing `}` is kept as text; a `{` inside an unclosed placeholder starts a new
/// one, and the earlier `{…` is kept as text.
public enum MessagePlaceholders {
    public enum Piece: Sendable, Hashable {
        /// Text to print as it is.
        case text(String)
        /// The name between `{` and `}`, such as `days`, `params.max_days` or `target.id`.
        case placeholder(String)
    }

    /// The pieces of `template` in order; text pieces are never empty.
    public static func split(_ template: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        var name: String?
        for ch in template {
            if ch == "{" {
                if let open = name { text += "{" + open }
                name = ""
            } else if ch == "}", let n = name {
                if !text.isEmpty { pieces.append(.text(text)) }
                text = ""
                pieces.append(.placeholder(n))
                name = nil
            } else if name != nil {
                name?.append(ch)
            } else {
                text.append(ch)
            }
        }
        if let open = name { text += "{" + open }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    /// The `{name}` placeholders of `template`, in order.
    public static func names(in template: String) -> [String] {
        split(template).compactMap { piece in
            if case .placeholder(let name) = piece { name } else { nil }
        }
    }
}
