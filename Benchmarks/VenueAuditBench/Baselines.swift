import CLibXML2
import CYAML
import Foundation
import YAMLReader

#if canImport(Glibc)
    import Glibc
#endif

/// The reference loops the tool is compared with. Each runs in its own process
/// (`venue-audit-bench --baseline KIND PATH...`) so it gets its own time and peak memory, and
/// each lists and reads the files the way the tool does, so both see the same bytes.
enum Baseline: String, CaseIterable {
    /// libyaml's event loop: every event parsed and dropped. 1.0 for the YAML rows.
    case yaml
    /// The tool's YAMLReader: a node tree with file:line:column marks, nothing decoded.
    case reader
    /// libxml2's `xmlTextReader`: every node read and dropped. 1.0 for the aggregation rows.
    case xml

    /// Runs the loop over `paths` (files, or folders searched like the tool searches them);
    /// exits 0 when every file was read through to its end, 1 otherwise.
    func run(paths: [String]) -> Never {
        let files = self == .xml ? Listing.reports(paths) : Listing.venues(paths)
        guard !files.isEmpty else { fail("no input files in \(paths.joined(separator: " "))") }
        var buffer = FileBuffer()
        var failures = 0
        var units = 0
        for file in files {
            guard buffer.load(file) else {
                failures += 1
                continue
            }
            let counted: Int?
            switch self {
            case .yaml: counted = buffer.withBytes(Self.bareYAML)
            case .reader: counted = buffer.withBytes { Self.yamlReader($0, file: file) }
            case .xml: counted = buffer.withBytes { Self.bareXML($0, file: file) }
            }
            if let counted { units += counted } else { failures += 1 }
        }
        // Printed so the loops' results are used (standard output goes to /dev/null in a run).
        print("\(rawValue): \(files.count) files, \(units) events or nodes, \(failures) failures")
        exit(failures == 0 ? 0 : 1)
    }

    /// Every libyaml event of `bytes`; nil on a parse error.
    static func bareYAML(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1, let base = bytes.baseAddress else { return nil }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        var events = 0
        while true {
            guard yaml_parser_parse(parser, event) == 1 else { return nil }
            let end = event.pointee.type == YAML_STREAM_END_EVENT
            yaml_event_delete(event)
            events += 1
            if end { return events }
        }
    }

    /// The documents of `bytes` as YAMLReader node trees; nil on an error.
    static func yamlReader(_ bytes: UnsafeRawBufferPointer, file: String) -> Int? {
        var documents = 0
        do {
            try YAMLReader().read(bytes, file: file) { document in
                if document.root != nil { documents += 1 }
            }
        } catch {
            return nil
        }
        return documents
    }

    /// Every node of an XML document read with `xmlTextReader`, with the options `aggregate`
    /// reads reports with; nil unless the reader reached the end without an error.
    static func bareXML(_ bytes: UnsafeRawBufferPointer, file: String) -> Int? {
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
            let reader = xmlReaderForMemory(base, Int32(bytes.count), file, nil, options)
        else { return nil }
        defer { xmlFreeTextReader(reader) }
        var nodes = 0
        while true {
            let rc = xmlTextReaderRead(reader)
            if rc == 0 { return nodes }
            if rc != 1 { return nil }
            nodes += 1
        }
    }
}

/// A file read whole into one reused buffer with plain read(2) calls.
struct FileBuffer {
    private var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    private(set) var count = 0

    mutating func load(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        let size = Int(info.st_size)
        if size + 1 > storage.count {
            storage.deallocate()
            storage = .allocate(byteCount: size + 1, alignment: 16)
        }
        count = 0
        while count < size {
            let n = read(fd, storage.baseAddress! + count, size - count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            count += n
        }
        return true
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }
}

/// The files the tool would read for the same paths.
enum Listing {
    /// `*.yaml` and `*.yml`, folders searched recursively, each folder's files sorted (as
    /// `validate` and `audit` list them).
    static func venues(_ paths: [String]) -> [String] {
        files(paths) { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
    }

    /// `*.xml` except `*.junit.xml` (as `aggregate` lists reports).
    static func reports(_ paths: [String]) -> [String] {
        files(paths) { $0.hasSuffix(".xml") && !$0.hasSuffix(".junit.xml") }
    }

    static func files(_ paths: [String], keep: (String) -> Bool) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                out.append(path)
                continue
            }
            var found: [String] = []
            if let walker = FileManager.default.enumerator(atPath: path) {
                for case let relative as String in walker where keep(relative) { found.append(relative) }
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            out += found.sorted().map { "\(base)/\($0)" }
        }
        return out
    }

    /// The total size of `files` in bytes.
    static func bytes(_ files: [String]) -> Int {
        var total = 0
        for file in files {
            var info = stat()
            if stat(file, &info) == 0 { total += Int(info.st_size) }
        }
        return total
    }
}
