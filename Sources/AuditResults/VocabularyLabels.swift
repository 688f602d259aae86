import AuditBasics

/// The words for every value of the venue description's closed vocabularies (VenueModel's
/// `Vocabulary`, `docs/input-format.md`), in English and Chinese: the one table every human
/// report, the dashboard and the engine's messages use, so `shopping_mall` reads "shopping mall"
/// or "购物中心" everywhere. The code itself stays in machine formats (and in a `title`
/// attribute in HTML).
///
/// It lives here, below Reporters and Aggregation, because both need it and neither may import
/// the other; a test holds it equal to `Vocabulary`, value for value.
public enum VocabularyLabels {
    /// Which vocabulary a code belongs to: a few codes (`none`, `other`, `purpose`) mean
    /// different things in different vocabularies.
    public enum Kind: String, Sendable, CaseIterable {
        /// The kind of venue (`venue.type`).
        case venueType
        /// Who assessed, and why (`assessment.kind`).
        case assessmentKind
        /// How visitor data is collected (`collection_points[].method`).
        case method
        /// What visitors give (`fields`, `justification`).
        case field
        /// Why data is collected (`purpose`).
        case purpose
        /// What a privacy notice states (`notice.states`).
        case noticeItem
        /// Where records are kept (`storage.medium`).
        case storageMedium
        /// Where paper records are kept (`storage.location`).
        case storageLocation
        /// How often someone watches the records (`storage.attended`).
        case attendance
        /// How expired records are disposed of (`disposal.method`).
        case disposalMethod
        /// Who receives visitor data (`sharing[].recipient`).
        case recipient
        /// How an electronic register limits access (`access_control`).
        case accessControl
        /// What the assessor saw (`observations[].kind`).
        case observationKind
        /// What happened (`incidents[].kind`).
        case incidentKind
        /// Who carried the data out (`incidents[].disclosed_by`).
        case discloser
        /// How the data got out (`incidents[].disclosed_how`).
        case disclosureManner
        /// The documented risk to the people affected (`incidents[].risk_to_individuals`).
        case incidentRisk
        /// Whether a recipient processes for the venue or for itself (`sharing[].role`).
        case recipientRole
        /// Who destroys the records (`disposal.by`).
        case disposer
        /// The part of the day a storage period describes (`storage.periods[].during`).
        case storagePeriod
        /// The data categories rules reason about (`field_category`, and the criminal-law evidence).
        case dataCategory
    }

    /// The label of `code` in `kind`; nil for a code the vocabulary does not have.
    public static func label(_ code: String, _ kind: Kind) -> LocalizedText? {
        table[kind]?[code]
    }

    /// The label of `code` in whichever vocabulary has it, for values whose vocabulary is not
    /// known (evidence in messages). A code two vocabularies share gets a neutral word.
    public static func label(anyKind code: String) -> LocalizedText? {
        if let shared = shared[code] { return shared }
        for kind in Kind.allCases {
            if let label = table[kind]?[code] { return label }
        }
        return nil
    }

    /// `code` in words when it is a vocabulary value, else `code` unchanged.
    public static func words(_ code: String, _ kind: Kind, _ language: Language) -> String {
        label(code, kind)?[language] ?? code
    }

    /// The codes of `kind`, in the table's order.
    public static func codes(_ kind: Kind) -> [String] {
        order[kind] ?? []
    }

    /// Every code of every vocabulary, for scanners that look for codes left in human text.
    public static var allCodes: Set<String> {
        Set(order.values.joined())
    }

    /// Codes that more than one vocabulary has, read without knowing which one.
    private static let shared: [String: LocalizedText] = [
        "none": LocalizedText(en: "none", zh: "无"),
        "other": LocalizedText(en: "other", zh: "其他"),
        "purpose": LocalizedText(en: "purpose", zh: "目的"),
        "contact": LocalizedText(en: "contact", zh: "联系方式"),
        "venue": LocalizedText(en: "the venue", zh: "场所"),
        "business_hours": LocalizedText(en: "business hours", zh: "营业时间"),
    ]

    private static let rows: [(Kind, [(String, String, String)])] = [
        (
            .venueType,
            [
                ("office_building", "office building", "写字楼"),
                ("shopping_mall", "shopping mall", "购物中心"),
                ("supermarket", "supermarket", "超市"),
                ("restaurant", "restaurant", "餐厅"),
                ("bar", "bar", "酒吧"),
                ("nightclub", "nightclub", "夜总会"),
                ("ktv", "karaoke (KTV)", "KTV歌厅"),
                ("hotel", "hotel", "酒店"),
                ("gym", "gym", "健身房"),
                ("cinema", "cinema", "电影院"),
                ("hospital", "hospital", "医院"),
                ("clinic", "clinic", "诊所"),
                ("school", "school", "学校"),
                ("government_office", "government office", "政府办事机构"),
                ("transport_hub", "transport hub", "交通枢纽"),
                ("residential_compound", "residential compound", "住宅小区"),
                ("event_venue", "event venue", "活动场馆"),
                ("other", "other kind of venue", "其他场所"),
            ]
        ),
        (
            .assessmentKind,
            [
                ("inspection", "on-site inspection", "现场检查"),
                ("self_assessment", "self-assessment", "自查"),
                ("follow_up", "follow-up inspection", "复查"),
            ]
        ),
        (
            .method,
            [
                ("paper_register", "shared paper register", "纸质登记本"),
                ("paper_slip", "individual paper slips", "单张纸质登记条"),
                ("staff_entry", "entered by staff", "工作人员代为登记"),
                ("government_qr", "government QR code", "政府健康码扫码"),
                ("venue_qr_form", "the venue's own QR form", "场所自建扫码表单"),
                ("id_card_reader", "ID card reader", "身份证读卡器"),
                ("face_recognition", "face recognition", "人脸识别"),
                ("phone_verification", "phone number verification", "手机号验证"),
            ]
        ),
        (
            .field,
            [
                ("name", "name", "姓名"),
                ("id_number", "ID number", "身份证号码"),
                ("passport_number", "passport number", "护照号码"),
                ("signature", "signature", "签名"),
                ("photo", "photo", "照片"),
                ("face_image", "face image", "人脸图像"),
                ("phone", "phone number", "电话号码"),
                ("address", "address", "住址"),
                ("email", "email address", "电子邮箱"),
                ("employer", "employer", "工作单位"),
                ("body_temperature", "body temperature", "体温"),
                ("health_code_status", "health code status", "健康码状态"),
                ("vaccination_status", "vaccination status", "疫苗接种情况"),
                ("symptoms", "symptoms", "症状"),
                ("travel_history", "travel history", "行程记录"),
                ("visit_time", "time of visit", "到访时间"),
                ("visit_purpose", "purpose of visit", "来访事由"),
                ("host_name", "person visited", "被访人"),
                ("license_plate", "licence plate", "车牌号"),
            ]
        ),
        (
            .purpose,
            [
                ("epidemic_contact_tracing", "epidemic contact tracing", "疫情接触追踪"),
                ("security", "security", "安全保卫"),
                ("visitor_management", "visitor management", "访客管理"),
                ("marketing", "marketing", "营销"),
                ("analytics", "analytics", "数据分析"),
                ("legal_obligation", "a legal obligation", "履行法定义务"),
            ]
        ),
        (
            .noticeItem,
            [
                ("controller", "who collects the data", "处理者身份"),
                ("purpose", "the purpose", "处理目的"),
                ("fields", "the data collected", "收集的信息项"),
                ("retention", "the retention period", "保存期限"),
                ("contact", "a contact", "联系方式"),
                ("rights", "the visitors' rights", "个人权利及行使方式"),
            ]
        ),
        (
            .storageMedium,
            [
                ("paper", "paper", "纸质"),
                ("spreadsheet", "spreadsheet", "电子表格"),
                ("local_database", "local database", "本地数据库"),
                ("cloud_service", "cloud service", "云服务"),
                ("government_platform", "government platform", "政府平台"),
            ]
        ),
        (
            .storageLocation,
            [
                ("open_table", "open table", "开放桌面"),
                ("staffed_desk", "staffed desk", "有人值守的前台"),
                ("locked_drawer", "locked drawer", "上锁的抽屉"),
                ("locked_cabinet", "locked cabinet", "上锁的柜子"),
                ("back_office", "back office", "后台办公室"),
                ("off_site", "off site", "场外"),
            ]
        ),
        (
            .attendance,
            [
                ("always", "always attended", "始终有人看管"),
                ("business_hours", "attended in business hours", "营业时间有人看管"),
                ("sometimes", "sometimes attended", "有时有人看管"),
                ("never", "never attended", "无人看管"),
            ]
        ),
        (
            .disposalMethod,
            [
                ("shredding", "shredding", "粉碎"),
                ("incineration", "incineration", "焚烧"),
                ("pulping", "pulping", "制浆"),
                ("secure_erase", "secure erasure", "安全擦除"),
                ("deletion", "deletion", "删除"),
                ("discard_in_trash", "thrown in the bin", "丢进垃圾桶"),
                ("none", "no disposal", "未处置"),
            ]
        ),
        (
            .recipient,
            [
                ("health_authority", "health authority", "卫生健康部门"),
                ("police", "police", "公安机关"),
                ("property_manager", "property manager", "物业管理方"),
                ("parent_company", "parent company", "母公司"),
                ("marketing_partner", "marketing partner", "营销合作方"),
                ("data_broker", "data broker", "数据商"),
                ("public_posting", "public posting", "公开张贴"),
                ("social_media", "social media", "社交媒体"),
            ]
        ),
        (
            .accessControl,
            [
                ("none", "no access control", "无访问控制"),
                ("shared_password", "shared password", "共用密码"),
                ("individual_accounts", "individual accounts", "个人账号"),
                ("role_based", "role-based access", "按岗位授权"),
            ]
        ),
        (
            .observationKind,
            [
                ("register_unattended_open", "register left open and unattended", "登记册打开且无人看管"),
                ("register_visible_to_visitors", "register visible to other visitors", "登记内容可被其他访客看到"),
                ("records_past_retention", "records kept past their retention period", "超过保存期限的记录仍在现场"),
                ("records_in_trash", "records thrown in the bin unshredded", "记录未经粉碎被丢进垃圾桶"),
                ("excess_fields_collected", "more fields collected than needed", "收集的信息项超出所需"),
                ("no_privacy_notice", "no privacy notice", "没有个人信息处理告知"),
                ("photo_of_register_taken", "someone photographed the register", "有人拍摄了登记内容"),
                ("staff_shared_records_informally", "staff passed records on informally", "工作人员私下转发记录"),
                ("other", "another observation", "其他情况"),
            ]
        ),
        (
            .incidentKind,
            [
                ("leak", "leak", "泄露"),
                ("loss", "loss", "丢失"),
                ("unauthorized_access", "unauthorised access", "未经授权的访问"),
                ("disclosure", "disclosure", "公开披露"),
                ("sale", "sale", "出售"),
            ]
        ),
        (
            .discloser,
            [
                ("venue", "the venue", "场所"),
                ("venue_staff", "a member of the venue's staff", "场所工作人员"),
                ("third_party", "a third party", "第三方"),
            ]
        ),
        (
            .disclosureManner,
            [
                ("published", "published", "公开发布"),
                ("sold", "sold", "出售"),
                ("provided", "provided to others", "提供给他人"),
                ("exposed_by_negligence", "exposed through negligence", "因疏于保管而外泄"),
            ]
        ),
        (
            .incidentRisk,
            [
                ("unlikely", "unlikely to harm anyone", "不太可能造成危害"),
                ("likely", "likely to harm people", "可能造成危害"),
                ("high", "high risk to people", "高风险"),
            ]
        ),
        (
            .recipientRole,
            [
                ("entrusted_processor", "entrusted processor", "受托处理者"),
                ("independent_recipient", "independent recipient", "独立接收方"),
            ]
        ),
        (
            .disposer,
            [
                ("venue", "the venue itself", "场所自行销毁"),
                ("contractor", "a disposal contractor", "委托销毁服务商"),
            ]
        ),
        (
            .storagePeriod,
            [
                ("business_hours", "in business hours", "营业时间内"),
                ("after_hours", "after hours", "营业时间外"),
            ]
        ),
        (
            .dataCategory,
            [
                ("identity", "identity", "身份"),
                ("contact", "contact details", "联系方式"),
                ("health", "health", "健康生理"),
                ("location", "whereabouts", "行踪轨迹"),
                ("visit", "visit details", "到访"),
                ("whereabouts", "whereabouts", "行踪轨迹"),
                ("other", "other", "其他"),
            ]
        ),
    ]

    private static let table: [Kind: [String: LocalizedText]] = Dictionary(
        uniqueKeysWithValues: rows.map { kind, items in
            (kind, Dictionary(uniqueKeysWithValues: items.map { ($0.0, LocalizedText(en: $0.1, zh: $0.2)) }))
        })

    private static let order: [Kind: [String]] = Dictionary(
        uniqueKeysWithValues: rows.map { kind, items in (kind, items.map(\.0)) })
}
