import AuditBasics

/// Words for the fields of the venue description (`docs/input-format.md`) and for the items of
/// its lists, so that "not recorded" reads "for collection point book, the declared retention
/// period is not recorded" rather than `collection_points[book].retention.policy_days`. Fields
/// without words here are named by their path.
public enum FieldLabels {
    /// The words for `path`, a field of a scope item (`retention.policy_days`) or of the whole
    /// description (`venue.jurisdiction`, `incidents`); nil when the table has none.
    public static func label(_ path: String) -> LocalizedText? {
        table[path]
    }

    /// An item of a scope in words: "collection point book", "incident 1" (for `incidents[0]`,
    /// people count from one), "whole venue" for none.
    public static func target(scope: String, id: String?, language: Language) -> String {
        guard let id else { return language == .zh ? "整个场所" : "whole venue" }
        let noun: LocalizedText =
            switch scope {
            case "collection_points": LocalizedText(en: "collection point", zh: "登记点")
            case "digital_systems": LocalizedText(en: "digital system", zh: "电子系统")
            case "incidents": LocalizedText(en: "incident", zh: "事件")
            case "observations": LocalizedText(en: "observation", zh: "现场观察")
            default: LocalizedText(scope)
            }
        var name = id
        if id.hasPrefix("\(scope)["), id.hasSuffix("]"), let n = Int(id.dropFirst(scope.count + 1).dropLast()) {
            name = String(n + 1)
        }
        return noun[language] + " " + name
    }

    private static let table: [String: LocalizedText] = [
        // Collection points
        "method": LocalizedText(en: "the collection method", zh: "收集方式"),
        "purpose": LocalizedText(en: "the purpose", zh: "收集目的"),
        "fields": LocalizedText(en: "the fields collected", zh: "收集的信息项"),
        "justification": LocalizedText(en: "the reasons for the fields", zh: "各信息项的收集理由"),
        "notice": LocalizedText(en: "the privacy notice", zh: "个人信息处理告知"),
        "notice.posted": LocalizedText(en: "whether a notice is posted", zh: "是否张贴告知"),
        "notice.states": LocalizedText(en: "what the notice states", zh: "告知的内容"),
        "storage": LocalizedText(en: "how records are stored", zh: "存放情况"),
        "storage.medium": LocalizedText(en: "the storage medium", zh: "存放介质"),
        "storage.location": LocalizedText(en: "where records are kept", zh: "存放位置"),
        "storage.visible_to_other_visitors": LocalizedText(en: "whether other visitors can see entries", zh: "其他访客能否看到登记内容"),
        "storage.attended": LocalizedText(en: "whether someone watches the records", zh: "是否有人看管"),
        "storage.locked_when_unattended": LocalizedText(en: "whether records are locked away when unattended", zh: "无人看管时是否上锁"),
        "retention": LocalizedText(en: "how long records are kept", zh: "保存情况"),
        "retention.policy_days": LocalizedText(en: "the declared retention period", zh: "声明的保存期限"),
        "retention.oldest_record_date": LocalizedText(en: "the date of the oldest record on site", zh: "现场最早记录的日期"),
        "disposal": LocalizedText(en: "how records are disposed of", zh: "处置情况"),
        "disposal.method": LocalizedText(en: "the disposal method", zh: "处置方式"),
        "disposal.frequency_days": LocalizedText(en: "how often records are destroyed", zh: "销毁频率"),
        "disposal.logged": LocalizedText(en: "whether destruction is logged", zh: "是否登记销毁情况"),
        "disposal.by": LocalizedText(en: "who destroys the records", zh: "由谁销毁"),
        "disposal.processing_agreement": LocalizedText(
            en: "whether the disposal contractor signed an agreement", zh: "销毁服务商是否签订委托协议"),
        "disposal.bin_locked": LocalizedText(
            en: "whether records awaiting collection are locked in a bin", zh: "待收运的记录是否锁在回收箱中"),
        "fields_if_no_phone": LocalizedText(
            en: "the fields asked only of visitors without a phone", zh: "仅向无手机访客收集的信息项"),
        "required_by_order": LocalizedText(en: "the local order that required fields", zh: "要求收集信息项的地方防控命令"),
        "required_by_order.fields": LocalizedText(en: "the fields a local order required", zh: "地方防控命令要求收集的信息项"),
        "sharing": LocalizedText(en: "who receives the data", zh: "信息提供对象"),
        "access": LocalizedText(en: "who may handle the records", zh: "接触人员情况"),
        "access.roles": LocalizedText(en: "who is authorised to handle the records", zh: "有权处理记录的岗位"),
        "access.trained": LocalizedText(en: "whether staff with access are trained", zh: "接触人员是否受过培训"),
        "access.access_logged": LocalizedText(en: "whether access is logged", zh: "是否登记查阅情况"),
        "access.confidentiality_agreement": LocalizedText(
            en: "whether staff signed confidentiality undertakings", zh: "接触人员是否签署保密承诺"),
        "alternative_for_visitors_without_phone": LocalizedText(
            en: "the alternative for visitors without a phone", zh: "为无手机访客提供的替代方式"),
        // Incidents
        "date": LocalizedText(en: "the date", zh: "日期"),
        "kind": LocalizedText(en: "what happened", zh: "事件类型"),
        "records_affected": LocalizedText(en: "the number of records affected", zh: "受影响的记录数"),
        "reported_to_authority_within_hours": LocalizedText(
            en: "when it was reported to the authority", zh: "向主管部门报告的时间"),
        "individuals_notified": LocalizedText(en: "whether the people affected were told", zh: "是否告知受影响的人"),
        "disclosed_by": LocalizedText(en: "who carried the data out", zh: "由谁泄露或公开"),
        "disclosed_how": LocalizedText(en: "how the data got out", zh: "泄露或公开的方式"),
        "risk_to_individuals": LocalizedText(
            en: "the documented risk to the people affected", zh: "记录在案的对个人的风险评估"),
        // Digital systems
        "access_control": LocalizedText(en: "the access control", zh: "访问控制方式"),
        "encrypted_at_rest": LocalizedText(en: "whether data is encrypted in storage", zh: "存储是否加密"),
        "encrypted_in_transit": LocalizedText(en: "whether data is encrypted in transit", zh: "传输是否加密"),
        "hosted_in": LocalizedText(en: "where the data is hosted", zh: "数据存放地"),
        "vendor.processing_agreement": LocalizedText(
            en: "whether the vendor signed a processing agreement", zh: "供应商是否签订委托处理协议"),
        // The whole description
        "venue.jurisdiction": LocalizedText(en: "the venue's jurisdiction", zh: "场所所在法域"),
        "venue.type": LocalizedText(en: "the venue type", zh: "场所类型"),
        "assessment.date": LocalizedText(en: "the assessment date", zh: "检查日期"),
        "assessment.emergency_in_force": LocalizedText(
            en: "whether a public-health emergency response is declared", zh: "是否已宣布突发公共卫生事件应急响应"),
        "collection_points": LocalizedText(en: "the collection points", zh: "登记点"),
        "incidents": LocalizedText(en: "the incidents (an empty list when there were none)", zh: "事件记录（没有事件时应记为空列表）"),
    ]
}
