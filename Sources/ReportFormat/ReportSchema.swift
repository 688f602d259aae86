import BundledFiles

/// The XML Schema of venue-audit reports, format version 1, embedded so the tool can print it
/// (`venue-audit schema report`) and validate reports without finding files on disk.
///
/// The file `schemas/venue-audit-report-1.xsd` itself: the build embeds it (the EmbedFiles plugin), so there is
/// no second copy to keep in step.
public enum ReportSchema {
    /// The target namespace.
    public static let namespace = "urn:venue-audit:report:1"

    /// The text of `schemas/venue-audit-report-1.xsd`, compiled into the tool at build time.
    public static let xsd: String = {
        guard let text = BundledFiles.text("schemas/venue-audit-report-1.xsd") else {
            preconditionFailure("the build did not embed schemas/venue-audit-report-1.xsd")
        }
        return text
    }()
}
