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
    /// Failing findings below the fail threshold, or of rules that do not bind the venue
    /// (standards, guidance, good practice): what a compliant venue still has to fix.
    public var failuresBelowThreshold: Int {
        var n = 0
        for i in findings.indices
        where findings[i].state == .fail && (findings[i].severity < failThreshold || !findings[i].bindsVenue) {
            n += 1
        }
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
                en: ", with \(lowerFailures) lower or non-binding finding\(lowerFailures == 1 ? "" : "s") to fix",
                zh: "，仍有 \(lowerFailures) 项较低级别或无约束力的问题需要整改")
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

/// Counts of findings as people say them, in both languages.
public enum CountWording {
    /// "of 9 findings, 4 failed (1 critical, 3 high), 1 lacked evidence, 4 passed" /
    /// "共 9 项检查，其中 4 项未通过（严重 1 项、高 3 项），1 项证据不足，4 项通过". States in reading order
    /// (violations first), states with no finding left out; "no findings" when there are none.
    public static func findings(states: [FindingState: Int], failing: [Severity: Int], language: Language) -> String {
        let order: [FindingState] = [.fail, .error, .unknown, .waived, .pass, .notApplicable]
        let total = states.values.reduce(0, +)
        guard total > 0 else { return language == .zh ? "无检查结果" : "no findings" }
        let zh = language == .zh
        var parts: [String] = []
        for state in order {
            guard let n = states[state], n > 0 else { continue }
            let en: String =
                switch state {
                case .fail: "\(n) failed"
                case .error: "\(n) could not be evaluated"
                case .unknown: "\(n) lacked evidence"
                case .waived: "\(n) waived"
                case .pass: "\(n) passed"
                case .notApplicable: "\(n) did not apply"
                }
            var part = zh ? "\(n) 项" + state.label.zh : en
            if state == .fail {
                let bySeverity = [Severity.critical, .high, .medium, .low, .info].compactMap { s -> String? in
                    guard let k = failing[s], k > 0 else { return nil }
                    return zh ? "\(s.label.zh) \(k) 项" : "\(k) \(s.label.en)"
                }
                if !bySeverity.isEmpty {
                    part += zh ? "（" + bySeverity.joined(separator: "、") + "）" : " (" + bySeverity.joined(separator: ", ") + ")"
                }
            }
            parts.append(part)
        }
        return zh
            ? "共 \(total) 项检查，其中 " + parts.joined(separator: "，")
            : "of \(total) finding\(total == 1 ? "" : "s"), " + parts.joined(separator: ", ")
    }

    /// What makes a venue non-compliant: "a high or more severe failure makes the venue
    /// non-compliant" / "出现“高”级及以上未通过项即判定不合规"; for `info`, any failure.
    public static func threshold(_ s: Severity, language: Language) -> String {
        if language == .zh { return s == .info ? "出现任何未通过项即判定不合规" : "出现“\(s.label.zh)”级及以上未通过项即判定不合规" }
        switch s {
        case .critical: return "only a critical failure makes the venue non-compliant"
        case .info: return "any failure makes the venue non-compliant"
        default: return "a \(s.label.en) or more severe failure makes the venue non-compliant"
        }
    }

    /// "1 finding fails" / "4 findings fail" / "4 项未通过".
    public static func failing(_ n: Int, language: Language) -> String {
        language == .zh ? "\(n) 项未通过" : (n == 1 ? "1 finding fails" : "\(n) findings fail")
    }
}
