/// A value read from an input file, with the place it was read from.
///
/// Venue descriptions are decoded into a tree of facts; rule conditions read that tree. Because
/// every fact keeps its location, a finding can point at the exact line and column of the node
/// that decided it. A field that is absent from the tree is *unknown*, never a default.
public struct Fact: Sendable {
    public var value: FactValue
    public var location: FileLocation?

    public init(_ value: FactValue, at location: FileLocation? = nil) {
        self.value = value
        self.location = location
    }

    /// The member `key` of a map fact; nil when this is not a map or the key is absent.
    public subscript(key: String) -> Fact? {
        guard case .map(let entries) = value else { return nil }
        // Byte counts first: most keys differ in length, and String's == compares by canonical
        // equivalence, which costs more than comparing two counts.
        // Indexed, so no entry is copied (which would retain its strings and fact).
        let length = key.utf8.count
        var i = 0
        while i < entries.count {
            if entries[i].key.utf8.count == length && entries[i].key == key { return entries[i].value }
            i += 1
        }
        return nil
    }

    /// The string value, if this fact is a string.
    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The list elements, if this fact is a list.
    public var list: [Fact]? {
        if case .list(let items) = value { return items }
        return nil
    }
}

/// One key of a map fact, with the location of the key itself.
public struct FactEntry: Sendable {
    public var key: String
    public var keyLocation: FileLocation?
    public var value: Fact

    public init(key: String, keyLocation: FileLocation? = nil, value: Fact) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// The kinds of value a fact can hold; the same kinds the condition language computes with.
public enum FactValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case date(CivilDate)
    case list([Fact])
    /// Keys in input order; maps are small, so lookups scan.
    case map([FactEntry])

    /// The name used in messages: `null bool int double string date list map`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .list: "list"
        case .map: "map"
        }
    }
}

extension Fact {
    /// Follows a path such as `collection_points[book].retention.oldest_record_date`.
    ///
    /// A bracketed segment selects the list element whose `id` is that text, or, when the text
    /// is a number and no element has that id, the element at that index. Returns nil when any
    /// step is missing. Used by rule examples (`at:`) and waivers (`target:`).
    public func resolve(path: String) -> Fact? {
        var current: Fact? = self
        for segment in FactPath.segments(of: path) {
            guard let fact = current else { return nil }
            switch segment {
            case .key(let key):
                current = fact[key]
            case .element(let selector):
                guard let items = fact.list else { return nil }
                if let byID = items.first(where: { $0["id"]?.string == selector }) {
                    current = byID
                } else if let index = Int(selector), items.indices.contains(index) {
                    current = items[index]
                } else {
                    return nil
                }
            }
        }
        return current
    }
}

/// The parts of a fact path: `a.b[c].d` is key a, key b, element c, key d.
public enum FactPath {
    public enum Segment: Sendable, Equatable {
        case key(String)
        case element(String)
    }

    /// Splits on the bytes of `.`, `[` and `]`, which never occur inside a multi-byte UTF-8
    /// character, so no character is decoded (paths are read for every venue).
    public static func segments(of path: String) -> [Segment] {
        var result: [Segment] = []
        let bytes = path.utf8
        var start = bytes.startIndex
        var inBracket = false
        func text(upTo end: String.Index) -> String { String(path[start..<end]) }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if (b == UInt8(ascii: ".") || b == UInt8(ascii: "[")) && !inBracket {
                if start < i { result.append(.key(text(upTo: i))) }
                start = bytes.index(after: i)
                inBracket = b == UInt8(ascii: "[")
            } else if b == UInt8(ascii: "]") && inBracket {
                result.append(.element(text(upTo: i)))
                start = bytes.index(after: i)
                inBracket = false
            }
            i = bytes.index(after: i)
        }
        if start < bytes.endIndex { result.append(inBracket ? .element(text(upTo: bytes.endIndex)) : .key(text(upTo: bytes.endIndex))) }
        return result
    }
}
