/// A regular expression that matches in time linear in the length of the text, whatever the
/// pattern: compiled to a Thompson NFA and run as a set of states over the text's Unicode
/// scalars (the way RE2 and Go's `regexp` guarantee it). Written here because the toolchain's
/// `Regex` backtracks, so `^(a+)+$` took 35 s on twenty characters, and no linear-time engine is
/// available as a Swift package on this platform.
///
/// The syntax is the common RE2 subset: literals; `.`; classes `[a-z0-9_]` and `[^…]`; escapes
/// `\d \w \s \D \W \S` and escaped punctuation; anchors `^ $`; groups `(…)` and `(?:…)`;
/// alternation `|`; quantifiers `* + ?` (lazy forms accepted; only whether it matches counts)
/// and `{m}`, `{m,}`, `{m,n}` up to 100. Back-references and look-around, which no linear-time
/// engine can offer, are errors when the pack loads.
struct LinearRegex: Sendable {
    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    /// One NFA instruction.
    fileprivate enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set(CharacterSet, negated: Bool)
        case split(Int, Int)
        case jump(Int)
        case lineStart
        case lineEnd
        case match
    }

    /// A class: ranges of scalars, plus the shorthand classes it includes.
    fileprivate struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []

        func contains(_ u: Unicode.Scalar) -> Bool { ranges.contains { $0.contains(u.value) } }

        static let digit = CharacterSet(ranges: [48...57])
        static let word = CharacterSet(ranges: [48...57, 65...90, 95...95, 97...122])
        static let space = CharacterSet(ranges: [9...13, 32...32])
    }

    fileprivate let program: [Instruction]

    /// The most instructions a pattern may compile to (repetition counts multiply its parts).
    static let maxInstructions = 5_000

    init(_ pattern: String) throws {
        var parser = PatternParser(Array(pattern.unicodeScalars))
        let tree = try parser.parseAlternation()
        guard parser.atEnd else { throw SyntaxError(description: "unbalanced ')' at offset \(parser.position)") }
        var compiler = PatternCompiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the pattern matches anywhere in `text` (a partial match, as CEL's `matches`).
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var current = StateSet(capacity: program.count)
        var next = StateSet(capacity: program.count)
        for position in 0...scalars.count {
            // A thread starts at every position: the implicit leading `.*?` of a partial match.
            if add(0, at: position, scalars, to: &current) { return true }
            guard position < scalars.count else { break }
            let u = scalars[position]
            next.clear()
            for pc in current.members {
                let advances: Bool =
                    switch program[pc] {
                    case .scalar(let s): s == u
                    case .any: u != "\n"
                    case .set(let set, let negated): set.contains(u) != negated
                    default: false
                    }
                if advances, add(pc + 1, at: position + 1, scalars, to: &next) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds `pc` and everything reachable from it without reading a scalar; true on `match`.
    private func add(_ pc: Int, at position: Int, _ scalars: [Unicode.Scalar], to set: inout StateSet) -> Bool {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard set.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .lineStart: if position == 0 { stack.append(pc + 1) }
            case .lineEnd: if position == scalars.count { stack.append(pc + 1) }
            default: break
            }
        }
        return false
    }

    /// A sparse set of program counters, cleared in constant time.
    private struct StateSet {
        private var dense: [Int]
        private var sparse: [Int]
        private(set) var count = 0

        init(capacity: Int) {
            dense = Array(repeating: 0, count: capacity)
            sparse = Array(repeating: 0, count: capacity)
        }

        var members: ArraySlice<Int> { dense[0..<count] }

        mutating func insert(_ pc: Int) -> Bool {
            let i = sparse[pc]
            if i < count && dense[i] == pc { return false }
            sparse[pc] = count
            dense[count] = pc
            count += 1
            return true
        }

        mutating func clear() { count = 0 }
    }
}

// MARK: - Parsing

private indirect enum Node {
    case empty
    case scalar(Unicode.Scalar)
    case any
    case set(LinearRegex.CharacterSet, negated: Bool)
    case lineStart
    case lineEnd
    case concat([Node])
    case alternation([Node])
    case repeatRange(Node, min: Int, max: Int?)
}

private struct PatternParser {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { position >= scalars.count }
    var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }

    func error(_ text: String) -> LinearRegex.SyntaxError { LinearRegex.SyntaxError(description: "\(text) at offset \(position)") }

    mutating func parseAlternation() throws -> Node {
        var branches = [try parseConcatenation()]
        while peek == "|" {
            position += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcatenation() throws -> Node {
        var items: [Node] = []
        while let c = peek, c != "|", c != ")" {
            var atom = try parseAtom()
            atom = try parseQuantifiers(atom)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    mutating func parseQuantifiers(_ atom: Node) throws -> Node {
        var node = atom
        while let c = peek {
            let range: (Int, Int?)
            switch c {
            case "*": range = (0, nil); position += 1
            case "+": range = (1, nil); position += 1
            case "?": range = (0, 1); position += 1
            case "{":
                guard let braces = try parseBraces() else { return node }
                range = braces
            default: return node
            }
            if case .lineStart = node { throw error("nothing to repeat") }
            if peek == "?" { position += 1 }  // lazy: the same set of matches
            if peek == "+" { throw error("possessive quantifiers are not supported") }
            node = .repeatRange(node, min: range.0, max: range.1)
        }
        return node
    }

    /// `{m}`, `{m,}` or `{m,n}`; nil (and nothing consumed) when `{` is a literal brace.
    mutating func parseBraces() throws -> (Int, Int?)? {
        let start = position
        position += 1
        func number() -> Int? {
            var value: Int?
            while let c = peek, ("0"..."9").contains(c) {
                value = (value ?? 0) * 10 + Int(c.value - 48)
                if value! > 1_000 { return value }
                position += 1
            }
            return value
        }
        guard let low = number() else { position = start; return nil }
        var high: Int? = low
        if peek == "," {
            position += 1
            high = number()
        }
        guard peek == "}" else { position = start; return nil }
        position += 1
        if low > 100 || (high ?? 0) > 100 { throw error("a repetition count above 100") }
        if let high, high < low { throw error("a repetition range {\(low),\(high)} that runs backwards") }
        return (low, high)
    }

    mutating func parseAtom() throws -> Node {
        guard let c = peek else { throw error("unexpected end of pattern") }
        position += 1
        switch c {
        case ".": return .any
        case "^": return .lineStart
        case "$": return .lineEnd
        case "(":
            if peek == "?" {
                guard position + 1 < scalars.count, scalars[position + 1] == ":" else {
                    throw error("look-around and other (? groups are not supported")
                }
                position += 2
            }
            let inner = try parseAlternation()
            guard peek == ")" else { throw error("missing ')'") }
            position += 1
            return inner
        case "[": return try parseClass()
        case "\\": return try parseEscape(inClass: false).node
        case "*", "+", "?": throw error("nothing to repeat")
        default: return .scalar(c)
        }
    }

    /// An escape after `\`: a shorthand class or an escaped literal.
    mutating func parseEscape(inClass: Bool) throws -> (node: Node, set: LinearRegex.CharacterSet?, negated: Bool) {
        guard let c = peek else { throw error("a pattern cannot end with '\\'") }
        position += 1
        switch c {
        case "d": return (.set(.digit, negated: false), .digit, false)
        case "D": return (.set(.digit, negated: true), .digit, true)
        case "w": return (.set(.word, negated: false), .word, false)
        case "W": return (.set(.word, negated: true), .word, true)
        case "s": return (.set(.space, negated: false), .space, false)
        case "S": return (.set(.space, negated: true), .space, true)
        case "n": return (.scalar("\n"), nil, false)
        case "t": return (.scalar("\t"), nil, false)
        case "1"..."9": throw error("back-references are not supported")
        case "b", "B", "A", "z", "Z", "p", "P", "k", "x", "u":
            throw error("the escape \\\(c) is not supported")
        default:
            guard !c.properties.isAlphabetic, !("0"..."9").contains(c) else { throw error("the escape \\\(c) is not supported") }
            return (.scalar(c), nil, false)
        }
    }

    mutating func parseClass() throws -> Node {
        var set = LinearRegex.CharacterSet()
        var negated = false
        if peek == "^" {
            negated = true
            position += 1
        }
        var first = true
        while true {
            guard let c = peek else { throw error("missing ']'") }
            if c == "]" && !first {
                position += 1
                break
            }
            first = false
            position += 1
            var low: Unicode.Scalar = c
            if c == "\\" {
                let escape = try parseEscape(inClass: true)
                if let shorthand = escape.set {
                    guard !escape.negated else { throw error("a negated shorthand inside [...] is not supported") }
                    set.ranges += shorthand.ranges
                    continue
                }
                guard case .scalar(let s) = escape.node else { continue }
                low = s
            }
            if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                guard var high = peek else { throw error("missing ']'") }
                position += 1
                if high == "\\" {
                    guard case .scalar(let s) = try parseEscape(inClass: true).node else {
                        throw error("a class range cannot end in a shorthand")
                    }
                    high = s
                }
                guard low.value <= high.value else { throw error("a class range that runs backwards") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        return .set(set, negated: negated)
    }
}

// MARK: - Compiling

private struct PatternCompiler {
    var program: [LinearRegex.Instruction] = []

    mutating func emit(_ node: Node) throws {
        guard program.count <= LinearRegex.maxInstructions else {
            throw LinearRegex.SyntaxError(description: "the pattern is too large once its repetitions are spelt out")
        }
        switch node {
        case .empty: break
        case .scalar(let s): program.append(.scalar(s))
        case .any: program.append(.any)
        case .set(let set, let negated): program.append(.set(set, negated: negated))
        case .lineStart: program.append(.lineStart)
        case .lineEnd: program.append(.lineEnd)
        case .concat(let items): for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repeatRange(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // Each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                let split = program.count
                program.append(.split(split + 1, -1))
                try emit(inner)
                program.append(.jump(split))
                program[split] = .split(split + 1, program.count)
            }
        }
    }
}
