import AuditBasics
import CLibXML2

/// A problem libxml2 reported while parsing or validating XML.
public struct XMLDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Level: String, Sendable, Hashable {
        case warning, error, fatal
    }

    public var level: Level
    public var message: String
    /// The file or name the document was given; nil when libxml2 did not say.
    public var file: String?
    /// 1-based; 0 when unknown.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int

    public init(level: Level, message: String, file: String?, line: Int, column: Int) {
        self.level = level
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    init(_ e: xmlError) {
        switch e.level {
        case XML_ERR_WARNING: level = .warning
        case XML_ERR_FATAL: level = .fatal
        default: level = .error
        }
        var text = e.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while text.last == "\n" { text.removeLast() }
        message = text
        file = e.file.map { String(cString: $0) }
        line = Int(e.line)
        column = Int(e.int2)
    }

    /// `file:line:column: error: message`, leaving out what is unknown.
    public var description: String {
        var place = file ?? "<xml>"
        if line > 0 { place += ":\(line)" }
        if line > 0 && column > 0 { place += ":\(column)" }
        return "\(place): \(level.rawValue): \(message)"
    }

    /// The same problem as a tool diagnostic (code `xml-schema`, or `xml-syntax` when the
    /// document was not well-formed).
    public var diagnostic: Diagnostic {
        let location = line > 0 ? FileLocation(file: file ?? "<xml>", line: line, column: max(column, 1)) : nil
        return Diagnostic(
            level == .warning ? .warning : .error,
            code: level == .fatal ? "xml-syntax" : "xml-schema",
            message,
            at: location
        )
    }
}

/// An XSD that could not be parsed.
public struct XMLSchemaError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [XMLDiagnostic]
    public var description: String {
        diagnostics.isEmpty
            ? "the XML schema could not be parsed" : diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A compiled XML Schema that validates documents with libxml2, reporting `line:column` for
/// each problem.
///
/// `@unchecked Sendable` because the compiled schema is immutable after parsing and libxml2
/// allows one schema to be shared by several validation contexts; every `validate` call makes its
/// own context and error collector, so calls may run concurrently.
public final class XMLSchemaValidator: @unchecked Sendable {
    private let schema: OpaquePointer  // xmlSchemaPtr

    /// Compiles the schema in `xsd` (the text of an `.xsd` file).
    public init(xsd: String) throws {
        LibXML.ensureInitialised()
        let bytes = Array(xsd.utf8)
        schema = try bytes.withUnsafeBufferPointer { b in
            try b.withMemoryRebound(to: CChar.self) { c in
                guard let p = xmlSchemaNewMemParserCtxt(c.baseAddress, Int32(c.count)) else {
                    throw XMLSchemaError(diagnostics: [])
                }
                return try Self.parse(p)
            }
        }
    }

    /// Compiles the schema in the file at `path`.
    public init(path: String) throws {
        LibXML.ensureInitialised()
        guard let p = xmlSchemaNewParserCtxt(path) else { throw XMLSchemaError(diagnostics: []) }
        schema = try Self.parse(p)
    }

    /// The schema of venue-audit reports in format `version` (2, the one the tool writes, or 1).
    public static func reportSchema(version: Int = 2) throws -> XMLSchemaValidator {
        try XMLSchemaValidator(xsd: version == 1 ? ReportSchema.xsd1 : ReportSchema.xsd)
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates the document in `xml`, streaming, and returns every problem found (empty when
    /// the document is valid). A document that is not well-formed yields `fatal` diagnostics.
    /// - Parameter name: the name used in diagnostics, such as the report's file name.
    public func validate(xml: String, name: String = "report.xml") -> [XMLDiagnostic] {
        var bytes = Array(xml.utf8)
        if bytes.isEmpty { bytes = [0x20] }  // an empty string still has to fail as "no document"
        return bytes.withUnsafeBytes { validate(bytes: $0, name: name, encoding: XML_CHAR_ENCODING_UTF8) }
    }

    /// Validates the file at `path`, streaming (constant memory), with line and column.
    public func validate(file path: String) -> [XMLDiagnostic] {
        validateStream(name: path) { xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE) }
    }

    /// Reads the document in `bytes` once with libxml2's `xmlTextReader`, validating it against
    /// this schema as it is read, and calls `visit` with the reader on each node in document
    /// order. Returns every problem found, as `validate` does (the same messages, lines and
    /// columns): the document is valid only when the result is empty, which is known only after
    /// the last node, so whatever `visit` gathered must not be trusted before then.
    ///
    /// `visit` gets an `xmlTextReaderPtr`; it may call the `xmlTextReader…` accessors on it but
    /// must not move the reader or keep the pointer.
    ///
    /// libxml2's reader parses in chunks and stops at the first well-formedness error, where the
    /// streaming validator goes on and words some errors better (a cut-off document is "Premature
    /// end of data in tag …", not "Extra content at the end of the document"). So a document that
    /// is not well-formed is parsed a second time, by the streaming validator, to describe it the
    /// same way; only broken documents pay for that.
    /// - Parameter name: the name used in diagnostics, such as the report's file name.
    public func read(bytes: UnsafeRawBufferPointer, name: String, visit: (OpaquePointer) -> Void) -> [XMLDiagnostic] {
        guard let v = xmlSchemaNewValidCtxt(schema) else {
            return [XMLDiagnostic(level: .fatal, message: "cannot create a validation context", file: name, line: 0, column: 0)]
        }
        defer { xmlSchemaFreeValidCtxt(v) }
        let errors = DiagnosticCollector()
        // Validity errors go straight to the collector. The reader's own structured handler is
        // left unset on purpose: in libxml2 2.9 it would be called with the schema's SAX plug
        // in place of the parser context once validation is on. Parser errors therefore reach
        // the thread's handler, which `capturingThreadErrors` points at the same collector.
        xmlSchemaSetValidStructuredErrors(v, DiagnosticCollector.callback, errors.opaque)
        let status: ReadStatus = errors.capturingThreadErrors {
            Self.withBuffer(bytes) { start, count in
                guard let r = xmlReaderForMemory(start, count, name, nil, Self.readerOptions) else { return .unreadable }
                defer { xmlFreeTextReader(r) }
                guard xmlTextReaderSchemaValidateCtxt(r, v, 0) == 0 else { return .noValidation }
                errors.reader = r
                defer { errors.reader = nil }
                while true {
                    let rc = xmlTextReaderRead(r)
                    guard rc == 1 else { return rc == 0 ? .read : .stopped }
                    visit(r)
                }
            } ?? .unreadable
        }
        let items = errors.items.map { d -> XMLDiagnostic in
            var d = d
            if d.file == nil { d.file = name }
            return d
        }
        if status == .read && !items.contains(where: { $0.level == .fatal }) { return items }
        // Encoding detected from the bytes, as the reader did and as `validate(file:)` does.
        let described = validate(bytes: bytes, name: name, encoding: XML_CHAR_ENCODING_NONE)
        if !described.isEmpty { return described }
        // The streaming validator found nothing wrong where the reader failed: still a failure.
        let message: String
        switch status {
        case .unreadable: message = "cannot read the document"
        case .noValidation: message = "cannot validate while reading"
        case .read, .stopped: message = "the document could not be read to its end"
        }
        return items + [XMLDiagnostic(level: .fatal, message: message, file: name, line: 0, column: 0)]
    }

    // MARK: - Private

    private enum ReadStatus { case read, stopped, unreadable, noValidation }

    /// No network access; text nodes kept compactly. Entity and size limits stay libxml2's
    /// defaults, as for `validate`.
    private static let readerOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)

    private func validate(bytes: UnsafeRawBufferPointer, name: String, encoding: xmlCharEncoding) -> [XMLDiagnostic] {
        validateStream(name: name) {
            Self.withBuffer(bytes) { start, count in xmlParserInputBufferCreateMem(start, count, encoding) } ?? nil
        }
    }

    /// Calls `body` with `bytes` as libxml2 takes a buffer; nil when it is too large for libxml2.
    /// An empty buffer is given a non-null address, which libxml2 needs to see an empty document
    /// (as in an empty file) rather than no input at all.
    private static func withBuffer<R>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<CChar>, Int32) -> R) -> R? {
        guard bytes.count <= Int(Int32.max) else { return nil }
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            var none: CChar = 0
            return withUnsafePointer(to: &none) { body($0, 0) }
        }
        return body(start.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
    }

    private func validateStream(name: String, input makeInput: () -> xmlParserInputBufferPtr?) -> [XMLDiagnostic] {
        guard let v = xmlSchemaNewValidCtxt(schema) else {
            return [
                XMLDiagnostic(
                    level: .fatal,
                    message: "cannot create a validation context",
                    file: name,
                    line: 0,
                    column: 0
                )
            ]
        }
        defer { xmlSchemaFreeValidCtxt(v) }
        let errors = DiagnosticCollector()
        xmlSchemaSetValidStructuredErrors(v, DiagnosticCollector.callback, errors.opaque)
        let rc: Int32 = errors.capturingThreadErrors {
            guard let input = makeInput() else { return -2 }
            // xmlSchemaValidateStream takes ownership of `input` and frees it.
            return xmlSchemaValidateStream(v, input, XML_CHAR_ENCODING_NONE, nil, nil)
        }
        var items = errors.items.map { d -> XMLDiagnostic in
            var d = d
            if d.file == nil { d.file = name }
            return d
        }
        if rc == -2 {
            items.append(
                XMLDiagnostic(level: .fatal, message: "cannot read the document", file: name, line: 0, column: 0)
            )
        } else if rc != 0 && items.isEmpty {
            items.append(
                XMLDiagnostic(
                    level: .fatal,
                    message: "validation failed (libxml2 code \(rc))",
                    file: name,
                    line: 0,
                    column: 0
                )
            )
        }
        return items
    }

    private static func parse(_ p: OpaquePointer) throws -> OpaquePointer {
        defer { xmlSchemaFreeParserCtxt(p) }
        let errors = DiagnosticCollector()
        xmlSchemaSetParserStructuredErrors(p, DiagnosticCollector.callback, errors.opaque)
        guard let s = errors.capturingThreadErrors({ xmlSchemaParse(p) }) else {
            throw XMLSchemaError(diagnostics: errors.items)
        }
        return s
    }
}

/// Collects libxml2's structured errors for one call.
private final class DiagnosticCollector {
    var items: [XMLDiagnostic] = []
    /// The `xmlTextReader` being read, while one is: libxml2 gives validity errors found through
    /// a reader a line but no column, and the column is where the reader's parser stands.
    var reader: OpaquePointer?

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    // A non-capturing closure literal becomes a C function pointer.
    static let callback: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<DiagnosticCollector>.fromOpaque(userData).takeUnretainedValue()
        var item = XMLDiagnostic(error.pointee)
        // The streaming validator takes the column from the parser's input at the moment of
        // the error; a reader's parser is at that same place while the error is reported.
        if item.column == 0, item.line > 0, error.pointee.domain == Int32(XML_FROM_SCHEMASV.rawValue),
            let reader = collector.reader
        {
            item.column = Int(xmlTextReaderGetParserColumnNumber(reader))
        }
        collector.items.append(item)
    }

    /// Runs `body` with this collector as the thread's structured error handler, which catches
    /// parser errors raised inside libxml2 calls that have no handler of their own, then
    /// restores the previous handler. `body` is synchronous, so it cannot change threads.
    func capturingThreadErrors<R>(_ body: () throws -> R) rethrows -> R {
        let oldHandler = __xmlStructuredError().pointee
        let oldContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(opaque, DiagnosticCollector.callback)
        defer { xmlSetStructuredErrorFunc(oldContext, oldHandler) }
        return try withExtendedLifetime(self) { try body() }
    }
}
