import AuditBasics
import AuditResults

/// What changed between two reports of a venue, finding by finding (rule + target).
public struct ReportDiff: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable, CaseIterable {
        /// Failing now, not failing before (or not there).
        case new
        /// Failing before; now pass, not applicable, or gone.
        case fixed
        /// Failing in both.
        case stillFailing = "still_failing"
        /// Waived now, not waived before.
        case newlyWaived = "newly_waived"
        /// Failing before, unknown or error now: cannot tell whether it was fixed.
        case unverified
        /// In neither of the above, but reported at another severity.
        case severityChanged = "severity_changed"
    }

    public struct Entry: Sendable, Hashable {
        public var change: Change
        public var rule: String
        public var target: String?
        public var title: LocalizedText
        public var oldState: FindingState?
        public var newState: FindingState?
        public var oldSeverity: Severity?
        public var newSeverity: Severity?

        /// Whether the severity differs between the two reports (also for still-failing findings).
        public var severityChanged: Bool { oldSeverity != nil && newSeverity != nil && oldSeverity != newSeverity }
        public var key: String { target.map { "\(rule)[\($0)]" } ?? rule }
    }

    public var old: ReportSummary
    public var new: ReportSummary
    /// Grouped by change in `Change.allCases` order, then by rule and target.
    public var entries: [Entry]
    /// Findings present in both with the same state and severity, not listed.
    public var unchanged: Int

    public func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }

    public init(old: ReportSummary, new: ReportSummary) {
        self.old = old
        self.new = new
        var before: [String: FindingSummary] = [:]
        for f in old.findings { before[f.key] = f }
        var after: [String: FindingSummary] = [:]
        for f in new.findings { after[f.key] = f }
        var entries: [Entry] = []
        var unchanged = 0
        for key in Set(before.keys).union(after.keys) {
            let o = before[key]
            let n = after[key]
            guard let any = n ?? o else { continue }
            let change: Change?
            switch (o?.state, n?.state) {
            case (let a, .fail?) where a != .fail: change = .new
            case (.fail?, .fail?): change = .stillFailing
            case (.fail?, .pass?), (.fail?, .notApplicable?), (.fail?, nil): change = .fixed
            case (.fail?, .unknown?), (.fail?, .error?): change = .unverified
            case (let a, .waived?) where a != .waived: change = .newlyWaived
            default: change = (o != nil && n != nil && o?.severity != n?.severity) ? .severityChanged : nil
            }
            guard let change else {
                unchanged += 1
                continue
            }
            let title = new.ruleTitles[any.rule] ?? old.ruleTitles[any.rule] ?? LocalizedText(any.rule)
            entries.append(
                Entry(
                    change: change, rule: any.rule, target: any.target, title: title, oldState: o?.state,
                    newState: n?.state, oldSeverity: o?.severity, newSeverity: n?.severity))
        }
        let order = Dictionary(uniqueKeysWithValues: Change.allCases.enumerated().map { ($1, $0) })
        self.entries = entries.sorted { a, b in
            (order[a.change] ?? 0, a.rule, a.target ?? "") < (order[b.change] ?? 0, b.rule, b.target ?? "")
        }
        self.unchanged = unchanged
    }
}
