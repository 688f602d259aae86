import AuditBasics

/// How a scalar was written. Quoted and block scalars are always strings; only plain scalars
/// are resolved to numbers, booleans, null or dates by the decoder.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One scalar of a YAML document, with its location.
public struct YAMLScalar: Sendable {
    public var value: String
    public var style: ScalarStyle
    /// An explicit tag such as `!!str`, or nil.
    public var tag: String?
    public var location: FileLocation

    public init(value: String, style: ScalarStyle, tag: String? = nil, location: FileLocation) {
        self.value = value
        self.style = style
        self.tag = tag
        self.location = location
    }

    /// Whether this is a plain scalar that YAML 1.2's core schema reads as null (`null`, `~`, empty).
    public var isNull: Bool {
        guard style == .plain, tag == nil else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of a YAML document. Every node knows where it starts in its file.
public indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], location: FileLocation)
    case mapping([YAMLPair], location: FileLocation)

    public var location: FileLocation {
        switch self {
        case .scalar(let s): s.location
        case .sequence(_, let location), .mapping(_, let location): location
        }
    }

    /// `scalar`, `list` or `map`, as messages name them.
    public var kindName: String {
        switch self {
        case .scalar: "scalar"
        case .sequence: "list"
        case .mapping: "map"
        }
    }

    /// The value of the scalar key `key`, when this node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        for pair in pairs {
            if case .scalar(let k) = pair.key, k.value == key { return pair.value }
        }
        return nil
    }
}

/// One document of a YAML stream. `root` is nil for an empty document (`---` with nothing after).
public struct YAMLDocument: Sendable {
    public var root: YAMLNode?
    /// Where the document starts (its `---`, or its first node).
    public var location: FileLocation
    /// 0 for the first document of the file.
    public var index: Int

    public init(root: YAMLNode?, location: FileLocation, index: Int) {
        self.root = root
        self.location = location
        self.index = index
    }
}
