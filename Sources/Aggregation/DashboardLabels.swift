import AuditBasics
import AuditResults

/// The words of the dashboard and of the diff page, in English and Chinese. Rule titles come
/// from the reports in both languages; only the frame and the vocabulary are translated here.
struct DashboardLabels {
    let language: Language

    func callAsFunction(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    func venueType(_ key: String) -> String {
        guard language == .zh else { return key == RollupBuilder.none ? "not stated" : key.replacingOccurrences(of: "_", with: " ") }
        let names: [String: String] = [
            "office_building": "写字楼", "shopping_mall": "商场", "supermarket": "超市", "restaurant": "餐馆",
            "bar": "酒吧", "nightclub": "夜总会", "ktv": "KTV", "hotel": "酒店", "gym": "健身房", "cinema": "电影院",
            "hospital": "医院", "clinic": "诊所", "school": "学校", "government_office": "政府办事处",
            "transport_hub": "交通枢纽", "residential_compound": "住宅小区", "event_venue": "活动场地", "other": "其他",
            RollupBuilder.none: "未注明",
        ]
        return names[key] ?? key
    }

    func kind(_ key: String) -> String {
        switch (key, language) {
        case ("inspection", .en): "inspection"
        case ("inspection", .zh): "检查"
        case ("self_assessment", .en): "self-assessment"
        case ("self_assessment", .zh): "自查"
        case ("follow_up", .en): "follow-up"
        case ("follow_up", .zh): "复查"
        case (RollupBuilder.none, .en): "not stated"
        case (RollupBuilder.none, .zh): "未注明"
        default: key
        }
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
