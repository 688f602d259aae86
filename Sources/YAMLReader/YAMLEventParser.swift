import AuditBasics
import CYAML

/// A thin owner of a libyaml parser and its current event.
///
/// Parser and event live on the heap so their addresses stay fixed across calls (a Swift `var`
/// passed with `&` is only pinned for one call), and `next()` frees the previous event before
/// parsing the next one. Not Sendable: one thread at a time.
final class YAMLEventParser {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let event: UnsafeMutablePointer<yaml_event_t>
    let file: String
    private let input: UnsafeRawBufferPointer
    private var hasEvent = false

    /// `input` must stay valid and unmoved while the parser lives.
    init(input: UnsafeRawBufferPointer, file: String) throws(YAMLError) {
        self.input = input
        self.file = file
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            event.deallocate()
            throw YAMLError(.io, "libyaml could not allocate a parser", at: nil)
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        let empty: StaticString = ""  // libyaml asserts that the input pointer is not NULL
        let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty.utf8Start
        yaml_parser_set_input_string(parser, base, input.count)
    }

    deinit {
        if hasEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// Parses the next event and returns its type; the event stays readable until the next call.
    @inline(__always)
    func next() throws(YAMLError) -> yaml_event_type_t {
        if hasEvent {
            yaml_event_delete(event)
            hasEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw parserError() }
        hasEvent = true
        return event.pointee.type
    }

    /// The 1-based location of a libyaml mark.
    @inline(__always)
    func location(_ mark: yaml_mark_t) -> FileLocation {
        FileLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    var startLocation: FileLocation { location(event.pointee.start_mark) }

    private func parserError() -> YAMLError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown error"
        if p.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a mark: count lines up to it ourselves.
            var offset = Int(p.problem_offset)
            if problem.contains("trailing") {
                // libyaml points at the bad continuation byte; point at the character it breaks.
                while offset > 0, offset < input.count, input[offset] & 0xC0 != 0xC0, input[offset - 1] >= 0x80 {
                    offset -= 1
                }
            }
            let place = location(ofByte: offset)
            let byte = offset < input.count ? input[offset] : nil
            if byte == 0 {
                return YAMLError(.encoding, "NUL byte in the file; a venue description is UTF-8 text", at: place)
            }
            if problem.contains("control characters") {
                let code = p.problem_value >= 0 ? String(p.problem_value, radix: 16, uppercase: true) : "?"
                return YAMLError(.encoding, "control character U+\(code) is not allowed in YAML", at: place)
            }
            return YAMLError(.encoding, "\(problem): the file is not valid UTF-8 text", at: place)
        }
        if p.error == YAML_MEMORY_ERROR {
            return YAMLError(.io, "libyaml ran out of memory", at: nil)
        }
        var notes: [String] = []
        if let context = p.context.map({ String(cString: $0) }) {
            notes.append("\(context) at \(location(p.context_mark))")
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }), context.contains("quoted scalar") {
            let start = location(p.context_mark)
            message = "the quoted scalar (string) that starts at line \(start.line), column \(start.column) is never closed"
        }
        if problem.contains("cannot start any token"), byteAt(mark: p.problem_mark) == UInt8(ascii: "\t") {
            message = "tab character used for indentation; YAML indents with spaces only"
        }
        return YAMLError(.syntax, message, at: location(p.problem_mark), notes: notes)
    }

    private func byteAt(mark: yaml_mark_t) -> UInt8? {
        // libyaml's mark index counts characters; for the ASCII case we test this is the byte.
        let index = Int(mark.index)
        return index < input.count ? input[index] : nil
    }

    /// Line and column (in characters) of a byte offset.
    func location(ofByte offset: Int) -> FileLocation {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, input.count)
        while i < end {
            let b = input[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return FileLocation(file: file, line: line, column: column)
    }
}
