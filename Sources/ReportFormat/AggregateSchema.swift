import BundledFiles

/// The XML Schema of `venue-audit aggregate` output, format version 1.
///
/// The file `schemas/venue-audit-aggregate-1.xsd` itself: the build embeds it (the EmbedFiles plugin), so there is
/// no second copy to keep in step.
public enum AggregateSchema {
    /// The target namespace.
    public static let namespace = "urn:venue-audit:aggregate:1"

    /// The text of `schemas/venue-audit-aggregate-1.xsd`, compiled into the tool at build time.
    public static let xsd: String = {
        guard let text = BundledFiles.text("schemas/venue-audit-aggregate-1.xsd") else {
            preconditionFailure("the build did not embed schemas/venue-audit-aggregate-1.xsd")
        }
        return text
    }()
}
