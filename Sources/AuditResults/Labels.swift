import AuditBasics

// The names of states, severities and verdicts as people read them, in both languages, kept
// in one place so every report and the dashboard say the same words.

extension FindingState {
    public var label: LocalizedText {
        switch self {
        case .pass: LocalizedText(en: "pass", zh: "通过")
        case .fail: LocalizedText(en: "fail", zh: "不合规")
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
