import AuditBasics

/// How much a failing rule matters, from `critical` down to `info`.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case critical, high, medium, low, info

    /// 4 for critical down to 0 for info.
    public var rank: Int {
        switch self {
        case .critical: 4
        case .high: 3
        case .medium: 2
        case .low: 1
        case .info: 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The result of one rule for one target, after OpenSCAP's result states.
public enum FindingState: String, Sendable, Hashable, CaseIterable {
    case pass, fail, unknown
    case notApplicable = "not_applicable"
    case waived, error
}

/// The verdict on a venue: a fail at or above the threshold of a rule that binds the venue
/// (`Force.binds`) makes it non-compliant; otherwise any unknown (or error) makes it
/// incomplete; otherwise it is compliant. A recommended standard, guidance or good practice
/// that is not met never makes a venue non-compliant on its own.
public enum Verdict: String, Sendable, Hashable, CaseIterable {
    case nonCompliant = "non_compliant"
    case incomplete
    case compliant
}
