import AuditBasics
import AuditResults

/// How to audit: which profile and rules, as of which date, and what counts as failing.
public struct AuditOptions: Sendable {
    /// A profile id; nil picks one by the venue's jurisdiction.
    public var profileID: String?
    /// The date whose law applies; nil uses each venue's assessment date.
    public var asOf: CivilDate?
    /// Fails at or above this severity make a venue non-compliant and the run exit 1.
    public var failOn: Severity = .high
    /// Only these rules (empty: all the profile selects).
    public var onlyRules: Set<String> = []
    public var skipRules: Set<String> = []
    /// Only rules citing one of these (`cn-pipl`, `cn-pipl#art-19` or `cn-pipl:art-19`).
    public var references: [String] = []
    /// Organisation-wide waivers (`--waivers FILE`), added to each venue's own.
    public var waivers: [Waiver] = []
    /// Pack parameter overrides (`pack.param`), applied after the profile's; rule examples use them.
    public var params: [String: Fact] = [:]
    public var toolVersion: String = "0.0.0"
    /// Findings in one report. Within the input limits a venue stays far below it (200
    /// collection points give about 7,000 with every pack); it bounds what one report can cost
    /// to write and to aggregate, whatever packs are loaded.
    public var maxFindings = 20_000

    public init() {}
}
