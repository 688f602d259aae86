import AuditBasics
import AuditResults

/// The words of the dashboard and of the diff page, in English and Chinese. Rule titles come
/// from the reports in both languages; only the frame and the vocabulary are translated here.
struct DashboardLabels {
    let language: Language

    func callAsFunction(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    /// A noun for `n` things: English singular or plural, Chinese as it is.
    func count(_ n: Int, _ one: String, _ many: String, _ zh: String) -> String {
        language == .zh ? zh : (n == 1 ? one : many)
    }

    /// A venue type in words, from the shared vocabulary table; `(none)` as "not stated".
    func venueType(_ key: String) -> String {
        if key == RollupBuilder.none { return self("not stated", "未注明") }
        return VocabularyLabels.words(key, .venueType, language)
    }

    /// An assessment kind in words, from the shared vocabulary table; `(none)` as "not stated".
    func kind(_ key: String) -> String {
        if key == RollupBuilder.none { return self("not stated", "未注明") }
        return VocabularyLabels.words(key, .assessmentKind, language)
    }

    /// A district, jurisdiction or month key; `(none)` in words.
    func plain(_ key: String) -> String { key == RollupBuilder.none ? self("not stated", "未注明") : key }

    func verdict(_ v: Verdict) -> String {
        v.label[language]
    }

    func state(_ s: FindingState) -> String {
        s.label[language]
    }

    func severity(_ s: Severity) -> String {
        s.label[language]
    }

    func rejection(_ r: ReportRejection.Reason) -> String {
        switch (r, language) {
        case (.unreadable, .en): "unreadable"
        case (.unreadable, .zh): "无法读取"
        case (.malformed, .en): "corrupt (not well-formed)"
        case (.malformed, .zh): "损坏（格式错误）"
        case (.truncated, .en): "truncated"
        case (.truncated, .zh): "不完整（被截断）"
        case (.schemaInvalid, .en): "invalid against the report schema"
        case (.schemaInvalid, .zh): "不符合报告架构"
        case (.tampered, .en): "tampered (digest does not match)"
        case (.tampered, .zh): "被篡改（摘要不符）"
        case (.inconsistent, .en): "inconsistent (verdict does not follow from its findings)"
        case (.inconsistent, .zh): "自相矛盾（结论与检查结果不符）"
        case (.implausible, .en): "implausible (unknown version or dated in the future)"
        case (.implausible, .zh): "不可信（版本未知或日期在未来）"
        }
    }

    func fixedNow(_ now: String) -> String {
        switch (now, language) {
        case ("pass", .zh): "通过"
        case ("not_applicable", .en): "not applicable"
        case ("not_applicable", .zh): "不适用"
        case ("absent", .en): "no longer present"
        case ("absent", .zh): "已不存在"
        default: now
        }
    }
}
