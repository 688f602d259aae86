import BundledFiles

/// The XML Schemas of venue-audit reports, embedded so the tool can print them
/// (`venue-audit schema report`) and validate reports without finding files on disk.
///
/// The files `schemas/venue-audit-report-2.xsd` and `-1.xsd` themselves: the build embeds them
/// (the EmbedFiles plugin), so there is no second copy to keep in step. Version 2 is what the
/// tool writes; version 1 stays readable, so archives of older reports can still be aggregated.
public enum ReportSchema {
    /// The target namespace of format version 2, the one the tool writes.
    public static let namespace = "urn:venue-audit:report:2"

    /// The target namespace of format version 1.
    public static let namespace1 = "urn:venue-audit:report:1"

    /// The text of `schemas/venue-audit-report-2.xsd`, compiled into the tool at build time.
    public static let xsd: String = bundled("schemas/venue-audit-report-2.xsd")

    /// The text of `schemas/venue-audit-report-1.xsd`.
    public static let xsd1: String = bundled("schemas/venue-audit-report-1.xsd")

    /// The format version a report's first bytes declare: 2 when its root is in the version 2
    /// namespace, else 1 (a document in neither fails validation against version 1's schema).
    public static func version(of bytes: UnsafeRawBufferPointer) -> Int {
        let needle = Array("\"\(namespace)\"".utf8)
        // The namespace is declared on the root element, within the first few hundred bytes.
        let window = bytes.prefix(1024)
        guard window.count >= needle.count else { return 1 }
        var i = window.startIndex
        while i + needle.count <= window.endIndex {
            if window[i] == needle[0], window[i..<(i + needle.count)].elementsEqual(needle) { return 2 }
            i += 1
        }
        return 1
    }

    private static func bundled(_ path: String) -> String {
        guard let text = BundledFiles.text(path) else { preconditionFailure("the build did not embed \(path)") }
        return text
    }
}
