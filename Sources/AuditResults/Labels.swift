import AuditBasics

// The names of states, severities and verdicts as people read them, in both languages, kept
// in one place so every report and the dashboard say the same words.

extension FindingState {
    public var label: LocalizedText {
        switch self {
        case .pass: LocalizedText(en: "pass", zh: "通过")
        case .fail: LocalizedText(en: "fail", zh: "未通过")
        case .unknown: LocalizedText(en: "unknown", zh: "证据不足")
        case .notApplicable: LocalizedText(en: "not applicable", zh: "不适用")
        case .waived: LocalizedText(en: "waived", zh: "已豁免")
        case .error: LocalizedText(en: "error", zh: "评估错误")
        }
    }
}

extension Severity {
    public var label: LocalizedText {
        switch self {
        case .critical: LocalizedText(en: "critical", zh: "严重")
        case .high: LocalizedText(en: "high", zh: "高")
        case .medium: LocalizedText(en: "medium", zh: "中")
        case .low: LocalizedText(en: "low", zh: "低")
        case .info: LocalizedText(en: "info", zh: "提示")
        }
    }
}

extension Verdict {
    /// Lower case, for running text; reports capitalise the English banner themselves.
    public var label: LocalizedText {
        switch self {
        case .nonCompliant: LocalizedText(en: "non-compliant", zh: "不合规")
        case .incomplete: LocalizedText(en: "incomplete", zh: "证据不足")
        case .compliant: LocalizedText(en: "compliant", zh: "合规")
        }
    }
}

extension AuditResult {
    /// Failing findings below the fail threshold: what a compliant venue still has to fix.
    public var failuresBelowThreshold: Int {
        var n = 0
        for i in findings.indices where findings[i].state == .fail && findings[i].severity < failThreshold { n += 1 }
        return n
    }

    /// The verdict as a heading people read without a glossary, the same in every human format.
    /// A compliant venue with lower findings says so, since "Compliant: 11 fail" reads as a
    /// contradiction: compliant at the threshold, with those findings still to fix.
    public var verdictHeadline: LocalizedText {
        Verdict.headline(verdict, threshold: failThreshold, lowerFailures: failuresBelowThreshold)
    }
}

extension Verdict {
    /// See `AuditResult.verdictHeadline`; for callers that hold counts rather than a result.
    public static func headline(_ verdict: Verdict, threshold: Severity, lowerFailures: Int) -> LocalizedText {
        let level = threshold.label
        let more =
            lowerFailures == 0
            ? LocalizedText(en: "", zh: "")
            : LocalizedText(
                en: ", with \(lowerFailures) lower finding\(lowerFailures == 1 ? "" : "s") to fix",
                zh: "，仍有 \(lowerFailures) 项较低级别的问题需要整改")
        switch verdict {
        case .nonCompliant:
            return LocalizedText(en: "Non-compliant", zh: "不合规")
        case .incomplete:
            return LocalizedText(en: "Incomplete: evidence missing" + more.en, zh: "不完整：证据不足" + more.zh)
        case .compliant where lowerFailures == 0:
            return LocalizedText(en: "Compliant", zh: "合规")
        case .compliant:
            return LocalizedText(
                en: "Compliant at the \(level.en) threshold" + more.en, zh: "在“\(level.zh)”级门槛下合规" + more.zh)
        }
    }
}
