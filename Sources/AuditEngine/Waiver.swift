import AuditBasics
import VenueModel

/// An accepted exception: a rule, a target, a reason, an approver and an end.
public struct Waiver: Sendable {
    public var rule: String
    /// A scope item id (`north-gate-book`, `incidents[0]`) or `venue`.
    public var target: String
    public var reason: String
    public var approvedBy: String
    public var expires: CivilDate
    public var location: FileLocation?
    /// The venue id an organisation-wide waiver is for; nil for a waiver in the venue's own file.
    public var venue: String?

    public init(
        rule: String, target: String, reason: String, approvedBy: String, expires: CivilDate, location: FileLocation?,
        venue: String? = nil
    ) {
        self.venue = venue
        self.rule = rule
        self.target = target
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
        self.location = location
    }

    /// The waivers of a decoded `waivers:` list. The decoder has already reported missing
    /// fields as errors, so incomplete entries are skipped here.
    public static func list(from facts: Fact?) -> [Waiver] {
        (facts?.list ?? []).compactMap { w in
            guard let rule = w["rule"]?.string, let target = w["target"]?.string, let reason = w["reason"]?.string,
                let approver = w["approved_by"]?.string, case .date(let expires)? = w["expires"]?.value
            else { return nil }
            return Waiver(
                rule: rule, target: target, reason: reason, approvedBy: approver, expires: expires, location: w.location,
                venue: w["venue"]?.string)
        }
    }
}
