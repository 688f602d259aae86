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

    /// A signer or signing organisation; `none` for reports without a verified signature.
    func signer(_ key: String) -> String {
        key == RollupBuilder.none ? self("no verified signature", "无经验证的签名") : key
    }

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
        case (.unsigned, .en): "unsigned (a signature is required)"
        case (.unsigned, .zh): "未签名（要求签名）"
        case (.signatureMalformed, .en): "signature not acceptable"
        case (.signatureMalformed, .zh): "签名格式不可接受"
        case (.unknownSigner, .en): "signer not in the trust file"
        case (.unknownSigner, .zh): "签名人不在信任列表中"
        case (.outsideValidity, .en): "signed outside the key's validity"
        case (.outsideValidity, .zh): "签名日期不在密钥有效期内"
        case (.revoked, .en): "signed after the key was revoked"
        case (.revoked, .zh): "签名时密钥已被吊销"
        case (.badSignature, .en): "signature does not verify"
        case (.badSignature, .zh): "签名验证失败"
        case (.altered, .en): "changed after it was signed"
        case (.altered, .zh): "签名后被修改"
        case (.otherReport, .en): "signature copied from another report"
        case (.otherReport, .zh): "签名取自另一份报告"
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
