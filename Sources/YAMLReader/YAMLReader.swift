import AuditBasics
import CYAML

/// Reads YAML text into node trees whose every node knows its file, line and column.
///
/// Built on libyaml's event API. One document is composed at a time and handed to the caller,
/// so a large multi-document file is read in bounded memory. Duplicate keys are errors, and the
/// limits in `YAMLLimits` stop hostile input early with a message naming the limit.
public struct YAMLReader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Reads every document of `bytes`, calling `body` with each as soon as it is complete.
    ///
    /// - Throws: `YAMLError` at the first problem; documents before it have been delivered.
    public func read(
        _ bytes: UnsafeRawBufferPointer,
        file: String,
        each body: (YAMLDocument) throws(YAMLError) -> Void
    ) throws(YAMLError) {
        guard bytes.count <= limits.maxFileBytes else {
            throw YAMLError(
                .tooLarge, "file is \(bytes.count) bytes; the limit is \(limits.maxFileBytes)",
                at: FileLocation(file: file, line: 1, column: 1))
        }
        let parser = try YAMLEventParser(input: bytes, file: file)
        var composer = Composer(parser: parser, limits: limits)
        var index = 0
        loop: while true {
            switch try parser.next() {
            case YAML_STREAM_START_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                break loop
            case YAML_DOCUMENT_START_EVENT:
                let start = parser.startLocation
                composer.reset()
                var root: YAMLNode?
                if try parser.next() != YAML_DOCUMENT_END_EVENT {
                    root = try composer.node(depth: 0).node
                    guard try parser.next() == YAML_DOCUMENT_END_EVENT else {
                        throw YAMLError(.syntax, "expected the end of the document", at: parser.startLocation)
                    }
                }
                try body(YAMLDocument(root: root, location: start, index: index))
                index += 1
            default:
                throw YAMLError(.syntax, "unexpected YAML event", at: parser.startLocation)
            }
        }
    }

    /// Reads every document of `bytes` into an array.
    public func readAll(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        let result: Result<Void, YAMLError> = bytes.withUnsafeBytes { raw in
            do throws(YAMLError) {
                try read(raw, file: file) { documents.append($0) }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return documents
    }

    /// Reads every document of a string (tests, rule examples).
    public func readAll(_ text: String, file: String) throws(YAMLError) -> [YAMLDocument] {
        try readAll(Array(text.utf8), file: file)
    }
}

/// Builds one document's nodes from events, enforcing the limits.
private struct Composer {
    let parser: YAMLEventParser
    let limits: YAMLLimits
    /// Anchored nodes with the number of nodes each stands for.
    var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    var aliases = 0
    var expanded = 0

    init(parser: YAMLEventParser, limits: YAMLLimits) {
        self.parser = parser
        self.limits = limits
    }

    mutating func reset() {
        anchors.removeAll(keepingCapacity: true)
        aliases = 0
        expanded = 0
    }

    /// Composes the node whose first event is current; returns it and how many nodes it
    /// expands to (aliases count as their targets).
    mutating func node(depth: Int) throws(YAMLError) -> (node: YAMLNode, weight: Int) {
        let event = parser.event.pointee
        let location = parser.location(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value =
                s.length == 0
                ? "" : String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            let scalar = YAMLScalar(
                value: value, style: Self.style(s.style), tag: s.tag.map { String(cString: $0) }, location: location)
            let node = YAMLNode.scalar(scalar)
            try count(1, at: location)
            if let anchor = s.anchor { anchors[String(cString: anchor)] = (node, 1) }
            return (node, 1)

        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            aliases += 1
            guard aliases <= limits.maxAliasesPerDocument else {
                throw YAMLError(
                    .tooManyAliases, "more than \(limits.maxAliasesPerDocument) aliases in one document", at: location)
            }
            // An anchor is registered only once its node is complete, so this also rejects
            // an alias to an enclosing node (a recursive structure).
            guard let target = anchors[name] else {
                throw YAMLError(.unknownAnchor, "unknown anchor '\(name)'", at: location)
            }
            try count(target.weight, at: location)
            return target

        case YAML_SEQUENCE_START_EVENT:
            try checkDepth(depth, at: location)
            let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
            try count(1, at: location)
            var items: [YAMLNode] = []
            var weight = 1
            while try parser.next() != YAML_SEQUENCE_END_EVENT {
                let child = try node(depth: depth + 1)
                items.append(child.node)
                weight = weight &+ child.weight
            }
            let node = YAMLNode.sequence(items, location: location)
            if let anchor { anchors[anchor] = (node, weight) }
            return (node, weight)

        case YAML_MAPPING_START_EVENT:
            try checkDepth(depth, at: location)
            let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
            try count(1, at: location)
            var pairs: [YAMLPair] = []
            var weight = 1
            var seen: [String: FileLocation] = [:]
            while try parser.next() != YAML_MAPPING_END_EVENT {
                let key = try node(depth: depth + 1)
                if case .scalar(let k) = key.node {
                    if let first = Self.firstLocation(of: k.value, in: pairs, seen: seen) {
                        throw YAMLError(
                            .duplicateKey, "duplicate key '\(k.value)' (first at line \(first.line), column \(first.column))",
                            at: k.location)
                    }
                    if pairs.count >= 16 { seen[k.value] = k.location }
                }
                _ = try parser.next()
                let value = try node(depth: depth + 1)
                pairs.append(YAMLPair(key: key.node, value: value.node))
                if pairs.count == 16 { Self.index(pairs, into: &seen) }
                weight = weight &+ key.weight &+ value.weight
            }
            let node = YAMLNode.mapping(pairs, location: location)
            if let anchor { anchors[anchor] = (node, weight) }
            return (node, weight)

        default:
            throw YAMLError(.syntax, "unexpected YAML event", at: location)
        }
    }

    /// Small maps (the usual case) are scanned; past 16 keys a dictionary takes over.
    private static func firstLocation(of key: String, in pairs: [YAMLPair], seen: [String: FileLocation])
        -> FileLocation?
    {
        if pairs.count >= 16 { return seen[key] }
        for pair in pairs {
            if case .scalar(let k) = pair.key, k.value == key { return k.location }
        }
        return nil
    }

    private static func index(_ pairs: [YAMLPair], into seen: inout [String: FileLocation]) {
        for pair in pairs {
            if case .scalar(let k) = pair.key, seen[k.value] == nil { seen[k.value] = k.location }
        }
    }

    private func checkDepth(_ depth: Int, at location: FileLocation) throws(YAMLError) {
        guard depth < limits.maxDepth else {
            throw YAMLError(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: location)
        }
    }

    private mutating func count(_ nodes: Int, at location: FileLocation) throws(YAMLError) {
        expanded = expanded &+ nodes
        guard expanded <= limits.maxExpandedNodesPerDocument, expanded >= 0 else {
            throw YAMLError(
                .tooLarge,
                "document expands to more than \(limits.maxExpandedNodesPerDocument) nodes (aliases counted as what they repeat)",
                at: location)
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
