/// Limits on what one venue description may hold, so that a small hostile file cannot make an
/// audit run for minutes or write gigabytes of reports (ten thousand collection points in a
/// 654 KB file once did both). Each, when crossed, is an error that names it and the place.
/// The YAML reader's own limits (size, depth, aliases) apply first; `docs/input-format.md`
/// lists them all.
public struct VenueLimits: Sendable {
    /// Collection points in one venue; a real site has a handful, a large mall a few dozen.
    public var maxCollectionPoints = 200
    /// Items in any other list (fields, incidents, observations, sharing, digital systems...).
    public var maxListItems = 1_000
    /// Bytes of one text value: a note of 64 KiB is already pages long, and every text is
    /// copied into reports, whose XML readers refuse a single text over 10 MB.
    public var maxTextBytes = 65_536

    public init() {}

    public static let `default` = VenueLimits()
}
