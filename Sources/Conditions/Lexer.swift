/// Splits condition text into tokens, tracking line and column for messages.
///
/// Accepts CEL's lexical subset: decimal integers and doubles, single- and double-quoted strings
/// with `\\ \" \' \n \r \t \uXXXX` escapes (and raw `r"..."` strings, handy for regexes),
/// identifiers, keywords, operators and `//` comments to the end of the line.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// All tokens, ending with `.end`; throws the first lexical error.
    static func tokenize(_ source: String) throws(ConditionError) -> [Token] {
        var lexer = Lexer(source)
        guard lexer.scalars.count <= ConditionLimits.maxSourceLength else {
            throw lexer.failure(
                "expression is longer than \(ConditionLimits.maxSourceLength) characters",
                at: Position.start
            )
        }
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var position: Position { Position(line: line, column: index - lineStart + 1, offset: index) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private func failure(_ message: String, at position: Position) -> ConditionError {
        ConditionError([.init(code: ConditionError.Code.syntax, message: message, line: position.line, column: position.column)])
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == "\n" {
                index += 1
                line += 1
                lineStart = index
            } else if c == " " || c == "\t" || c == "\r" {
                index += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(ConditionError) -> Token {
        skipTrivia()
        let start = position
        guard let c = peek() else { return Token(kind: .end, start: start, endOffset: index) }
        let kind: Token.Kind
        if c.isIdentifierStart {
            if (c == "r" || c == "R"), let q = peek(1), q == "\"" || q == "'" {
                index += 1
                kind = .string(try string(raw: true, start: start))
            } else {
                kind = identifier()
            }
        } else if c.isDigit {
            kind = try number(start: start)
        } else if c == "\"" || c == "'" {
            kind = .string(try string(raw: false, start: start))
        } else {
            kind = try punctuation(c, start: start)
        }
        return Token(kind: kind, start: start, endOffset: index)
    }

    private mutating func identifier() -> Token.Kind {
        var name = String.UnicodeScalarView()
        while let c = peek(), c.isIdentifierStart || c.isDigit {
            name.append(c)
            index += 1
        }
        switch String(name) {
        case "true": return .trueKeyword
        case "false": return .falseKeyword
        case "null": return .nullKeyword
        case "in": return .inKeyword
        case let other: return .identifier(other)
        }
    }

    private mutating func number(start: Position) throws(ConditionError) -> Token.Kind {
        var text = ""
        while let c = peek(), c.isDigit {
            text.unicodeScalars.append(c)
            index += 1
        }
        var isDouble = false
        if peek() == ".", let d = peek(1), d.isDigit {
            isDouble = true
            text.append(".")
            index += 1
            while let c = peek(), c.isDigit {
                text.unicodeScalars.append(c)
                index += 1
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { ahead = 2 }
            if let d = peek(ahead), d.isDigit {
                isDouble = true
                for _ in 0..<ahead {
                    if let s = peek() { text.unicodeScalars.append(s) }
                    index += 1
                }
                while let c = peek(), c.isDigit {
                    text.unicodeScalars.append(c)
                    index += 1
                }
            }
        }
        if let c = peek(), c.isIdentifierStart {
            throw failure("unexpected character '\(c)' after number", at: position)
        }
        if isDouble {
            guard let value = Double(text), value.isFinite else {
                throw failure("number \(text) is out of range", at: start)
            }
            return .double(value)
        }
        if let value = Int(text) { return .int(value) }
        if let value = UInt64(text) { return .bigInt(value) }
        throw failure("integer \(text) is out of range", at: start)
    }

    private mutating func string(raw: Bool, start: Position) throws(ConditionError) -> String {
        guard let quote = peek() else { throw failure("unterminated string", at: start) }
        index += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let c = peek(), c != "\n" else { throw failure("unterminated string", at: start) }
            index += 1
            if c == quote { return String(value) }
            if c != "\\" || raw {
                value.append(c)
                continue
            }
            let escapePosition = Position(line: line, column: index - lineStart, offset: index - 1)
            guard let e = peek() else { throw failure("unterminated string", at: start) }
            index += 1
            switch e {
            case "\\", "\"", "'": value.append(e)
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "u": value.append(try unicodeEscape(at: escapePosition))
            default: throw failure("unknown escape '\\\(e)' in string", at: escapePosition)
            }
        }
    }

    private mutating func unicodeEscape(at position: Position) throws(ConditionError) -> Unicode.Scalar {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let h = peek(), let digit = h.hexValue else {
                throw failure("'\\u' needs four hexadecimal digits", at: position)
            }
            code = code * 16 + digit
            index += 1
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw failure("'\\u' escape is not a unicode scalar value", at: position)
        }
        return scalar
    }

    private mutating func punctuation(_ c: Unicode.Scalar, start: Position) throws(ConditionError) -> Token.Kind {
        let n = peek(1)
        let two: Token.Kind? =
            switch (c, n) {
            case ("=", "="): .equal
            case ("!", "="): .notEqual
            case ("<", "="): .lessEqual
            case (">", "="): .greaterEqual
            case ("&", "&"): .and
            case ("|", "|"): .or
            default: nil
            }
        if let two {
            index += 2
            return two
        }
        let one: Token.Kind? =
            switch c {
            case ".": .dot
            case ",": .comma
            case ":": .colon
            case "?": .question
            case "(": .leftParen
            case ")": .rightParen
            case "[": .leftBracket
            case "]": .rightBracket
            case "{": .leftBrace
            case "}": .rightBrace
            case "+": .plus
            case "-": .minus
            case "*": .star
            case "/": .slash
            case "%": .percent
            case "!": .bang
            case "<": .less
            case ">": .greater
            default: nil
            }
        guard let one else {
            let hint = c == "=" ? "; use '==' to compare" : (c == "&" || c == "|") ? "; use '\(c)\(c)'" : ""
            throw failure("unexpected character '\(c)'\(hint)", at: start)
        }
        index += 1
        return one
    }
}

extension Unicode.Scalar {
    fileprivate var isDigit: Bool { ("0"..."9").contains(self) }
    fileprivate var isIdentifierStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
    fileprivate var hexValue: UInt32? {
        switch self {
        case "0"..."9": value - 48
        case "a"..."f": value - 87
        case "A"..."F": value - 55
        default: nil
        }
    }
}
