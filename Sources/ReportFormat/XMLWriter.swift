import CLibXML2

private let libxmlInitialised: Bool = {  // swift_once: runs once, thread-safe
    xmlCheckVersion(LIBXML_VERSION)
    xmlInitParser()
    return true
}()

/// Process-wide libxml2 set-up. Never calls `xmlCleanupParser()`: other users share that state.
public enum LibXML {
    /// Initialises libxml2 once; safe to call from any thread, any number of times.
    @inline(__always) public static func ensureInitialised() { _ = libxmlInitialised }

    /// Whether `s` has no character XML 1.0 forbids, judged on its UTF-8 bytes: a byte below
    /// 0x20 other than tab, line feed and carriage return, or EF BF BE / EF BF BF (U+FFFE,
    /// U+FFFF). Much faster than walking Unicode scalars, and almost every string passes.
    static func isXML10Safe(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable(isXML10Safe) ?? isXML10Safe(Array(s.utf8))
    }

    private static func isXML10Safe(_ bytes: some RandomAccessCollection<UInt8>) -> Bool {
        var previous2: UInt8 = 0
        var previous1: UInt8 = 0
        for b in bytes {
            if b < 0x20, b != 0x9, b != 0xA, b != 0xD { return false }
            if previous2 == 0xEF, previous1 == 0xBF, b >= 0xBE { return false }
            previous2 = previous1
            previous1 = b
        }
        return true
    }

    /// Replaces every character XML 1.0 does not allow (C0 controls other than tab, line feed
    /// and carriage return; U+FFFE; U+FFFF; and NUL, which would also truncate the C string)
    /// with U+FFFD. libxml2's writer writes such characters raw, which is not well-formed.
    public static func xml10Safe(_ s: String) -> String {
        func ok(_ v: UInt32) -> Bool { v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF) }
        if isXML10Safe(s) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(ok(u.value) ? u : "\u{FFFD}") }
        return String(out)
    }
}

/// Streams well-formed XML to memory through libxml2's `xmlTextWriter`, sanitising every
/// string. Not Sendable: a writer belongs to one render call.
public final class XMLWriter {
    private let writer: OpaquePointer  // xmlTextWriterPtr
    private let buffer: xmlBufferPtr

    public init() throws {
        LibXML.ensureInitialised()
        guard let b = xmlBufferCreate() else { throw ReportError("libxml2: cannot create a buffer") }
        guard let w = xmlNewTextWriterMemory(b, 0) else {
            xmlBufferFree(b)
            throw ReportError("libxml2: cannot create a writer")
        }
        buffer = b
        writer = w
        xmlTextWriterSetIndent(w, 1)
        xmlTextWriterSetIndentString(w, "  ")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    public func startDocument() throws { try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "document") }

    public func endDocument() throws { try check(xmlTextWriterEndDocument(writer), "end of document") }

    public func startElement(_ name: String) throws { try check(xmlTextWriterStartElement(writer, name), name) }

    public func endElement() throws { try check(xmlTextWriterEndElement(writer), "end of element") }

    /// Writes an attribute; nil writes nothing.
    public func attribute(_ name: String, _ value: String?) throws {
        guard let value else { return }
        try check(xmlTextWriterWriteAttribute(writer, name, LibXML.xml10Safe(value)), name)
    }

    /// `<name attributes…>text</name>`; a nil text writes nothing at all.
    public func element(_ name: String, _ text: String?, attributes: [(String, String?)] = []) throws {
        guard let text else { return }
        try startElement(name)
        for (n, v) in attributes { try attribute(n, v) }
        try check(xmlTextWriterWriteString(writer, LibXML.xml10Safe(text)), name)
        try endElement()
    }

    /// `<name attributes…/>`.
    public func emptyElement(_ name: String, attributes: [(String, String?)]) throws {
        try startElement(name)
        for (n, v) in attributes { try attribute(n, v) }
        try endElement()
    }

    /// An element with children written by `body`.
    public func element(_ name: String, attributes: [(String, String?)] = [], _ body: () throws -> Void) throws {
        try startElement(name)
        for (n, v) in attributes { try attribute(n, v) }
        try body()
        try endElement()
    }

    /// The document written so far (call after `endDocument`).
    public func contents() throws -> String {
        try check(xmlTextWriterFlush(writer), "flush")
        guard let bytes = xmlBufferContent(buffer) else { return "" }
        return String(cString: bytes)
    }

    private func check(_ rc: Int32, _ what: String) throws {
        if rc < 0 { throw ReportError("libxml2 could not write \(what)") }
    }
}
