import AuditBasics
import AuditResults

/// Hand-built `AuditResult` values for reporter tests and goldens: small, readable, covering
/// every state. Built in code (not by the engine) so reporter goldens change only when a
/// reporter changes.
public enum Fixtures {
    /// The fixtures that have golden files, as test arguments.
    public static let names = ["mall", "clean"]

    /// The fixture called `name` (one of `names`, or `hostile`, `planted`).
    public static func auditResult(named name: String) -> AuditResult {
        switch name {
        case "mall": mall
        case "clean": clean
        case "hostile": hostile
        case "planted": plantedPersonalData
        default: preconditionFailure("no fixture named \(name)")
        }
    }

    // MARK: - Building blocks

    /// A date from a literal known to be valid.
    public static func date(_ iso: String) -> CivilDate {
        guard let d = CivilDate(iso: iso) else { preconditionFailure("bad fixture date \(iso)") }
        return d
    }

    public static func at(_ line: Int, _ column: Int, file: String = "samples/mall.yaml") -> FileLocation {
        FileLocation(file: file, line: line, column: column)
    }

    public static let pipl19 = Citation(
        key: "cn-pipl#art-19",
        instrument: LocalizedText(en: "Personal Information Protection Law of the PRC", zh: "中华人民共和国个人信息保护法"),
        provision: "Art. 19",
        url: "http://www.npc.gov.cn/npc/c30834/202108/a8c4e3672c74491a80b53a172bb753fe.shtml",
        force: .statute,
        jurisdiction: "CN"
    )
    public static let pipl47 = Citation(
        key: "cn-pipl#art-47",
        instrument: LocalizedText(en: "Personal Information Protection Law of the PRC", zh: "中华人民共和国个人信息保护法"),
        provision: "Art. 47",
        url: "http://www.npc.gov.cn/npc/c30834/202108/a8c4e3672c74491a80b53a172bb753fe.shtml",
        force: .statute,
        jurisdiction: "CN"
    )
    public static let pipl51 = Citation(
        key: "cn-pipl#art-51",
        instrument: LocalizedText(en: "Personal Information Protection Law of the PRC", zh: "中华人民共和国个人信息保护法"),
        provision: "Art. 51",
        url: nil,
        force: .statute,
        jurisdiction: "CN"
    )
    public static let criminal2531 = Citation(
        key: "cn-criminal-law#art-253-1",
        instrument: LocalizedText(en: "Criminal Law of the PRC", zh: "中华人民共和国刑法"),
        provision: "Art. 253-1",
        url: nil,
        force: .statute,
        jurisdiction: "CN"
    )

    /// Another jurisdiction's guidance, cited by a good-practice rule: never a legal basis.
    public static let gbDisposalGuidance = Citation(
        key: "gb-eng-dhsc-guidance#disposal",
        instrument: LocalizedText(en: "DHSC guidance on NHS Test and Trace records", zh: "英国卫生和社会保障部检测与追踪记录指引"),
        provision: "disposal",
        url: "https://www.doyleclayton.co.uk/resources/covid-19/dhsc-publishes-guidance-test-and-trace-records/",
        force: .guidance,
        jurisdiction: "GB-ENG"
    )

    /// A finding with sensible defaults; override what the test is about.
    public static func finding(
        _ ruleID: String,
        _ state: FindingState,
        _ severity: Severity = .medium,
        pack: String = "cn-pipl",
        target: String? = "north-gate-book",
        scope: String = "collection_points",
        location: FileLocation? = nil,
        sourceLine: String? = nil,
        title: LocalizedText = LocalizedText(en: "A rule", zh: "一条规则"),
        message: LocalizedText = LocalizedText(en: "a message", zh: "一条消息"),
        expected: LocalizedText? = nil,
        expects: LocalizedText? = nil,
        evidence: [EvidenceItem] = [],
        citations: [Citation] = [],
        remediation: LocalizedText = LocalizedText(en: "Fix it.", zh: "整改。"),
        waiver: WaiverInfo? = nil,
        isPractice: Bool = false
    ) -> Finding {
        Finding(
            ruleID: ruleID,
            packID: pack,
            title: title,
            severity: severity,
            state: state,
            scope: scope,
            targetID: target,
            location: location,
            sourceLine: sourceLine,
            message: message,
            expected: expected,
            expects: expects,
            evidence: evidence,
            citations: citations,
            remediation: remediation,
            waiver: waiver,
            isPractice: isPractice
        )
    }

    /// A result around `findings` for the mall venue.
    public static func result(
        findings: [Finding],
        observations: [ObservationInfo] = [],
        diagnostics: [Diagnostic] = [],
        venue: VenueInfo = mallVenue,
        failThreshold: Severity = .high,
        path: String = "samples/mall.yaml"
    ) -> AuditResult {
        AuditResult(
            toolVersion: "0.0.0-test",
            input: InputInfo(
                path: path,
                sha256: "9f2c1e0b7d4a5f6e8c3b2a1d0e9f8c7b6a5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f",
                documentIndex: 0
            ),
            venue: venue,
            assessment: AssessmentInfo(
                kind: "inspection",
                date: date("2020-12-10"),
                assessor: "Inspector Li",
                organization: "Jinjiang Market Supervision Bureau"
            ),
            profile: VersionedID(id: "cn-sc", version: "1.0.0"),
            packs: [VersionedID(id: "cn-pipl", version: "1.0.0"), VersionedID(id: "venue-practice", version: "0.3.0")],
            asOf: date("2020-12-10"),
            failThreshold: failThreshold,
            findings: findings,
            observations: observations,
            diagnostics: diagnostics
        )
    }

    public static let mallVenue = VenueInfo(
        id: "CN-SC-CD-JJ-000417",
        name: "Chunxi Road Mall, north entrance",
        type: "shopping_mall",
        jurisdiction: "CN-SC",
        district: "Jinjiang",
        operatorName: "Chunxi Property Management Co."
    )

    // MARK: - Fixtures

    /// A mall with one finding in every state, fails on both sides of the threshold, an active
    /// waiver, an observation, a diagnostic, and personal data planted in an observation note
    /// (masked by `maskingPersonalData()`, as the engine does).
    public static let mall: AuditResult = result(
        findings: [
            finding(
                "CN-PIPL-19-RETENTION",
                .fail,
                .high,
                location: at(41, 27),
                sourceLine: "      oldest_record_date: 2020-09-30",
                title: LocalizedText(
                    en: "Visitor records are kept no longer than needed",
                    zh: "访客信息保存期限不超过必要期限"
                ),
                message: LocalizedText(
                    en: "oldest record is 71 days old; the limit is 28",
                    zh: "最早的记录已保存 71 天，上限为 28 天"
                ),
                expected: LocalizedText("days_kept <= 28"),
                expects: LocalizedText(
                    en: "records older than 28 days are destroyed",
                    zh: "超过 28 天的记录应予销毁"
                ),
                evidence: [
                    EvidenceItem(name: "days_kept", value: "71", location: at(41, 27)),
                    EvidenceItem(name: "max_retention_days", value: "28", location: nil),
                ],
                citations: [pipl19, pipl47],
                remediation: LocalizedText(
                    en:
                        "1. Shred register pages older than 28 days today.\n2. Write the 28-day limit into the register procedure.\n3. Keep a disposal log signed by the duty manager.",
                    zh: "1. 当日粉碎超过 28 天的登记页。\n2. 将 28 天期限写入登记制度。\n3. 由值班经理签署销毁记录。"
                )
            ),
            finding(
                "CN-PIPL-51-REGISTER-EXPOSED",
                .fail,
                .critical,
                location: at(34, 17),
                sourceLine: "      location: open_table",
                title: LocalizedText(
                    en: "Registers are not readable by other visitors",
                    zh: "登记簿不得被其他访客查看"
                ),
                message: LocalizedText(
                    en: "the register lies on an open table, visible to other visitors, never attended",
                    zh: "登记簿放在开放桌面上，其他访客可见，且无人看管"
                ),
                evidence: [
                    EvidenceItem(name: "location", value: "open_table", location: at(34, 17)),
                    EvidenceItem(name: "attended", value: "never", location: at(36, 17)),
                ],
                citations: [pipl51, criminal2531],
                remediation: LocalizedText(
                    en: "Keep the register behind the desk, attended, and locked away when nobody is there.",
                    zh: "将登记簿放在服务台内并有人看管，无人时锁存。"
                )
            ),
            finding(
                "CN-PIPL-17-NOTICE",
                .fail,
                .medium,
                location: at(27, 15),
                sourceLine: "      posted: false",
                title: LocalizedText(en: "Visitors are told how their data is used", zh: "告知访客个人信息处理规则"),
                message: LocalizedText(en: "no notice is posted at the collection point", zh: "收集点未张贴告知"),
                citations: [
                    Citation(
                        key: "cn-pipl#art-17",
                        instrument: LocalizedText(
                            en: "Personal Information Protection Law of the PRC",
                            zh: "中华人民共和国个人信息保护法"
                        ),
                        provision: "Art. 17",
                        url: nil,
                        force: .statute,
                        jurisdiction: "CN"
                    )
                ],
                remediation: LocalizedText(
                    en: "- Post a notice naming the controller, purpose, fields, retention and a contact.",
                    zh: "- 张贴告知，写明处理者、目的、字段、保存期限和联系方式。"
                )
            ),
            finding(
                "VA-PRACTICE-SHRED",
                .fail,
                .low,
                pack: "venue-practice",
                location: at(44, 15),
                sourceLine: "      method: discard_in_trash",
                title: LocalizedText(en: "Paper records are shredded", zh: "纸质记录应粉碎处理"),
                message: LocalizedText(en: "pages are thrown away whole", zh: "登记页被整页丢弃"),
                citations: [gbDisposalGuidance],
                remediation: LocalizedText(en: "Use a cross-cut shredder.", zh: "使用交叉粉碎机。"),
                isPractice: true
            ),
            finding(
                "CN-PIPL-47-DISPOSAL-SCHEDULE",
                .unknown,
                .medium,
                location: at(43, 7),
                sourceLine: "    disposal:",
                title: LocalizedText(en: "Records are destroyed on a schedule", zh: "定期销毁记录"),
                message: LocalizedText(
                    en: "disposal.frequency_days is not stated",
                    zh: "未说明 disposal.frequency_days"
                ),
                evidence: [EvidenceItem(name: "frequency_days", value: "unknown", location: nil)],
                citations: [pipl47],
                remediation: LocalizedText(en: "State how often pages are destroyed.", zh: "说明销毁频率。")
            ),
            finding(
                "CN-PIPL-6-MINIMAL-FIELDS",
                .waived,
                .medium,
                location: at(22, 13),
                sourceLine: "    fields: [name, id_number, phone, visit_time]",
                title: LocalizedText(en: "Only necessary fields are collected", zh: "仅收集必要字段"),
                message: LocalizedText(
                    en: "id_number is collected without a justification",
                    zh: "收集身份证号但未说明理由"
                ),
                remediation: LocalizedText(en: "Drop id_number from the register.", zh: "登记簿中删除身份证号。"),
                waiver: WaiverInfo(
                    reason: "district epidemic order 2020-31 requires ID numbers until 2021-01-31",
                    approvedBy: "Jinjiang Health Commission",
                    expires: date("2021-01-31"),
                    active: true,
                    location: at(3, 5, file: "samples/waivers.yaml")
                )
            ),
            finding(
                "CN-PIPL-13-PURPOSE",
                .pass,
                .medium,
                location: at(21, 14),
                title: LocalizedText(en: "Collection has a lawful purpose", zh: "收集具有合法目的"),
                message: LocalizedText(en: "purpose epidemic_contact_tracing is lawful", zh: "目的合法：疫情防控流调")
            ),
            finding(
                "CN-PIPL-38-CROSS-BORDER",
                .notApplicable,
                .high,
                location: nil,
                title: LocalizedText(en: "Cross-border transfers are assessed", zh: "出境传输须经评估"),
                message: LocalizedText(en: "paper registers are not transferred", zh: "纸质登记不涉及传输")
            ),
            finding(
                "CN-GBT-35273-HEALTH-CODE",
                .error,
                .medium,
                target: nil,
                scope: "venue",
                location: at(12, 3),
                title: LocalizedText(en: "Health-code scans keep no copy", zh: "健康码扫描不留存副本"),
                message: LocalizedText(
                    en: "days_between: 2020-13-01 is not a date",
                    zh: "days_between：2020-13-01 不是有效日期"
                )
            ),
        ],
        observations: [
            ObservationInfo(
                at: "collection_points[north-gate-book]",
                kind: "register_open",
                note: "book open at page 3; entry reads 张伟 510104199001041237, tel 13812345678, zhang.wei@example.cn",
                evidence: ["photo-0012.jpg"],
                location: at(52, 7)
            )
        ],
        diagnostics: [
            Diagnostic.warning(
                "unknown-field",
                "unknown field 'opening_hours' in venue",
                at: at(9, 3),
                notes: ["did you mean 'hours'?"]
            )
        ]
    ).maskingPersonalData()

    /// A venue where every rule passes or does not apply.
    public static let clean: AuditResult = result(
        findings: [
            finding(
                "CN-PIPL-19-RETENTION",
                .pass,
                .high,
                target: "front-desk",
                location: at(18, 27, file: "samples/office.yaml"),
                title: LocalizedText(en: "Visitor records are kept no longer than needed", zh: "访客信息保存期限不超过必要期限"),
                message: LocalizedText(
                    en: "oldest record is 12 days old; the limit is 28",
                    zh: "最早的记录已保存 12 天，上限为 28 天"
                )
            ),
            finding(
                "CN-PIPL-38-CROSS-BORDER",
                .notApplicable,
                .high,
                target: "front-desk",
                title: LocalizedText(en: "Cross-border transfers are assessed", zh: "出境传输须经评估"),
                message: LocalizedText(en: "no digital system transfers data", zh: "无数字系统传输数据")
            ),
        ],
        venue: VenueInfo(
            id: "CN-BJ-CY-000102",
            name: "Guomao Tower B",
            type: "office_building",
            jurisdiction: "CN-BJ",
            district: "Chaoyang",
            operatorName: nil
        ),
        path: "samples/office.yaml"
    ).maskingPersonalData()

    /// Strings that break naive writers: every XML special character, `]]>`, control
    /// characters, U+FFFE, NUL, right-to-left and CJK text, and 100 KB values.
    public static var hostile: AuditResult {
        let nasty = "<>&\"' ]]> \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{FFFE}\u{FFFF} \r\n\t end"
        let rtl = "\u{202E}مركز تسوق\u{202C} שלום 春熙路商场 😀"
        let huge = String(repeating: "长文本 long text & <x> ", count: 100_000 / 20)
        var r = result(
            findings: [
                finding(
                    "CN-PIPL-19-RETENTION",
                    .fail,
                    .high,
                    target: nasty,
                    location: at(1, 1, file: "in<put>&\"'.yaml"),
                    sourceLine: nasty + rtl,
                    title: LocalizedText(en: nasty, zh: rtl),
                    message: LocalizedText(en: huge, zh: nasty),
                    expected: LocalizedText(en: "]]>", zh: "]]]]><![CDATA[>"),
                    evidence: [EvidenceItem(name: "n<a>me", value: huge + nasty, location: nil)],
                    citations: [
                        Citation(
                            key: "k&<",
                            instrument: LocalizedText(en: nasty, zh: rtl),
                            provision: "\u{1}",
                            url: "https://example.org/law?a=1&b=2"
                        )
                    ],
                    remediation: LocalizedText(en: "1. " + nasty + "\n2. " + rtl, zh: huge),
                    waiver: WaiverInfo(
                        reason: nasty,
                        approvedBy: rtl,
                        expires: date("2021-01-31"),
                        active: false,
                        location: nil
                    )
                ),
                finding(
                    "CN-PIPL-6-X",
                    .waived,
                    .info,
                    target: nil,
                    scope: "venue",
                    message: LocalizedText(en: "-->", zh: "<!--")
                ),
            ],
            observations: [ObservationInfo(at: nasty, kind: nasty, note: huge, evidence: [nasty, rtl], location: nil)],
            diagnostics: [Diagnostic.warning("c<>de", nasty, at: at(2, 2, file: nasty), notes: [rtl])],
            venue: VenueInfo(
                id: nasty,
                name: nasty + rtl,
                type: "<script>alert(1)</script>",
                jurisdiction: rtl,
                district: huge,
                operatorName: "\"'"
            )
        )
        r.assessment = AssessmentInfo(kind: nasty, date: nil, assessor: rtl, organization: nasty)
        r.input = InputInfo(path: nasty, sha256: r.input.sha256, documentIndex: 7)
        r.packs = [VersionedID(id: nasty, version: rtl)]
        return r
    }

    /// Personal data planted in every free-text field `maskingPersonalData()` covers. Not masked:
    /// tests mask it and check that none of `plantedValues` survives in any report.
    public static var plantedPersonalData: AuditResult {
        let id = "身份证 510104199001041237"
        let phone = "call +86 138 1234 5678 or 13912345678"
        let mail = "write to zhang.wei@example.cn"
        let passport = "passport E12345678"
        let all = "\(id); \(phone); \(mail); \(passport)"
        var r = result(
            findings: [
                finding(
                    "CN-PIPL-19-RETENTION",
                    .fail,
                    .high,
                    location: at(41, 27),
                    sourceLine: "  note: \(id)",
                    message: LocalizedText(en: "register shows \(phone)", zh: "登记簿显示 \(mail)"),
                    evidence: [EvidenceItem(name: "entry", value: all, location: nil)],
                    waiver: WaiverInfo(
                        reason: all,
                        approvedBy: "Li (\(mail))",
                        expires: date("2021-01-31"),
                        active: false,
                        location: nil
                    )
                ),
                finding(
                    "CN-PIPL-17-NOTICE",
                    .waived,
                    .low,
                    message: LocalizedText(all),
                    waiver: WaiverInfo(
                        reason: passport,
                        approvedBy: phone,
                        expires: date("2021-01-31"),
                        active: true,
                        location: nil
                    )
                ),
            ],
            observations: [
                ObservationInfo(at: nil, kind: "register_open", note: all, evidence: [id, phone], location: nil)
            ],
            diagnostics: [Diagnostic.warning("unknown-field", "unknown field with \(mail)", at: nil, notes: [phone])],
            venue: VenueInfo(
                id: "CN-SC-CD-JJ-000417",
                name: "Mall \(phone)",
                type: "shopping_mall",
                jurisdiction: "CN-SC",
                district: "Jinjiang \(id)",
                operatorName: "Operator \(mail)"
            )
        )
        r.assessment = AssessmentInfo(
            kind: "inspection",
            date: date("2020-12-10"),
            assessor: "Li \(passport)",
            organization: mail
        )
        return r
    }

    /// The raw personal data in `plantedPersonalData`, as a leak would show it.
    public static let plantedValues = [
        "510104199001041237", "138 1234 5678", "1234 5678", "13912345678", "zhang.wei", "E12345678", "12345678",
    ]
}
