import AuditResults

/// What the two SARIF 2.1.0 writers (an audit's, in Reporters, and a diff's, in Aggregation)
/// must say the same way.
public enum SARIF {
    /// The SARIF level of a failing finding of this severity.
    public static func level(for severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }
}
