import AuditBasics
import Testing
import YAMLReader

/// Reads `text` and returns the documents, or the error's `line:column message`.
private func read(_ text: String, limits: YAMLLimits = .default) -> Result<[YAMLDocument], YAMLError> {
    do throws(YAMLError) {
        return .success(try YAMLReader(limits: limits).readAll(text, file: "t.yaml"))
    } catch {
        return .failure(error)
    }
}

private func error(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
    if case .failure(let e) = read(text, limits: limits) { return e }
    return nil
}

@Suite("YAML reader")
struct YAMLReaderTests {
    @Test("every node knows its line and column")
    func nodesCarryLocations() throws {
        let docs = try read("venue:\n  id: X-1\n  fields: [name, phone]\n").get()
        let root = try #require(docs.first?.root)
        let id = try #require(root["venue"]?["id"])
        #expect(id.location == FileLocation(file: "t.yaml", line: 2, column: 7))
        guard case .sequence(let items, let location)? = root["venue"]?["fields"] else {
            Issue.record("fields is not a list")
            return
        }
        #expect(location.line == 3 && location.column == 11)
        #expect(items[1].location == FileLocation(file: "t.yaml", line: 3, column: 18))
    }

    @Test("several documents in one file are read in order")
    func multipleDocuments() throws {
        let docs = try read("a: 1\n---\nb: 2\n---\nc: 3\n").get()
        #expect(docs.count == 3)
        #expect(docs.map(\.index) == [0, 1, 2])
        #expect(docs[2].root?["c"] != nil)
    }

    @Test("scalar styles are kept so quoted values stay strings")
    func scalarStyles() throws {
        let root = try #require(try read("a: 12\nb: '12'\nc: \"x\"\nd: |\n  text\n").get().first?.root)
        func style(_ key: String) -> ScalarStyle? {
            if case .scalar(let s)? = root[key] { return s.style }
            return nil
        }
        #expect(style("a") == .plain)
        #expect(style("b") == .singleQuoted)
        #expect(style("c") == .doubleQuoted)
        #expect(style("d") == .literal)
    }

    @Test("a duplicate key is an error at the second key, naming the first")
    func duplicateKey() {
        let e = error("venue:\n  id: A\n  name: x\n  id: B\n")
        #expect(e?.kind == .duplicateKey)
        #expect(e?.location == FileLocation(file: "t.yaml", line: 4, column: 3))
        #expect(e?.message == "duplicate key 'id' (first at line 2, column 3)")
    }

    @Test("duplicate keys are found in large maps too")
    func duplicateKeyInLargeMap() {
        var text = ""
        for i in 0..<40 { text += "k\(i): \(i)\n" }
        text += "k7: again\n"
        let e = error(text)
        #expect(e?.kind == .duplicateKey)
        #expect(e?.location?.line == 41)
    }

    @Test("tab indentation is explained")
    func tabIndentation() {
        let e = error("venue:\n\tid: X\n")
        #expect(e?.kind == .syntax)
        #expect(e?.location == FileLocation(file: "t.yaml", line: 2, column: 1))
        #expect(e?.message.contains("tab") == true)
    }

    @Test("an unterminated quote points at the end and notes where the quote began")
    func unterminatedQuote() {
        let e = error("venue: {id: \"abc}\n")
        #expect(e?.kind == .syntax)
        #expect(e?.notes.first?.contains("t.yaml:1:13") == true)
    }

    @Test("billion laughs fails fast on the expansion limit")
    func billionLaughs() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let e = error(text)
        #expect(e?.kind == .tooLarge)
        #expect(e?.message.contains("100000 nodes") == true)
        #expect(e?.location?.line == 5)
    }

    @Test("too many aliases are an error")
    func aliasLimit() {
        var limits = YAMLLimits()
        limits.maxAliasesPerDocument = 3
        let e = error("a: &x 1\nb: [*x, *x, *x, *x]\n", limits: limits)
        #expect(e?.kind == .tooManyAliases)
        #expect(e?.location == FileLocation(file: "t.yaml", line: 2, column: 17))
    }

    @Test("an alias to an unknown or enclosing anchor is an error, not a loop")
    func recursiveAlias() {
        #expect(error("a: *nope\n")?.kind == .unknownAnchor)
        #expect(error("a: &x [1, *x]\n")?.kind == .unknownAnchor)
    }

    @Test("20,000-deep nesting stops at the depth limit")
    func deepNesting() {
        let text = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let e = error(text)
        #expect(e?.kind == .tooDeep)
        #expect(e?.location == FileLocation(file: "t.yaml", line: 1, column: 65))
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("a: ok\nb: x".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        do throws(YAMLError) {
            _ = try YAMLReader().readAll(bytes, file: "t.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .encoding)
            #expect(error.location == FileLocation(file: "t.yaml", line: 2, column: 5))
        }
    }

    @Test("a NUL byte is named as such")
    func nulByte() {
        do throws(YAMLError) {
            _ = try YAMLReader().readAll(Array("a: b".utf8) + [0] + Array("c\n".utf8), file: "t.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .encoding)
            #expect(error.message.contains("NUL"))
            #expect(error.location == FileLocation(file: "t.yaml", line: 1, column: 5))
        }
    }

    @Test("a file over the size limit is refused before parsing")
    func sizeLimit() {
        var limits = YAMLLimits()
        limits.maxFileBytes = 10
        #expect(error("a: 1234567890\n", limits: limits)?.kind == .tooLarge)
    }

    @Test("an empty stream has no documents")
    func emptyStream() throws {
        #expect(try read("").get().isEmpty)
        #expect(try read("# only a comment\n").get().isEmpty)
    }
}
