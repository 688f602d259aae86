import AuditBasics
import AuditResults
import Foundation

/// Small pieces of presentation shared by the reporters: date printing, ordering, labels.
enum ReportFormatting {
    /// `2020-12-10T08:30:00Z`: UTC, whole seconds, computed without a formatter or time zone
    /// database so every platform prints the same.
    static func iso8601UTC(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let secondOfDay = seconds - days * 86_400
        let epoch = CivilDate(year: 1970, month: 1, day: 1)!  // a valid literal date
        let day = epoch.adding(days: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
    }

    /// The order people read states in: violations first.
    static let stateOrder: [FindingState] = [.fail, .error, .unknown, .waived, .pass, .notApplicable]

    static func stateRank(_ state: FindingState) -> Int { stateOrder.firstIndex(of: state) ?? stateOrder.count }

    /// Severities from critical down to info.
    static let severityOrder: [Severity] = [.critical, .high, .medium, .low, .info]

    /// Findings for people: state (violations first), then severity (highest first), rule id,
    /// target and location. Stable for equal keys.
    static func sortedForPeople(_ findings: [Finding]) -> [Finding] {
        sortedForPeople(findings, Array(findings.indices)).map { findings[$0] }
    }

    /// The positions `subset` of `findings` in the order of `sortedForPeople`.
    static func sortedForPeople(_ findings: [Finding], _ subset: [Int]) -> [Int] {
        // Sorts positions by keys read once: a finding is large, and a sort that moves or
        // copies findings, or reads one whole per comparison, costs more than the comparing.
        struct Key {
            var position: Int
            var rank: Int
            var severity: Severity
            var ruleID: String
            var targetID: String
        }
        let keys = subset.map { i in
            Key(
                position: i, rank: stateRank(findings[i].state), severity: findings[i].severity, ruleID: findings[i].ruleID,
                targetID: findings[i].targetID ?? "")
        }
        return keys.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            if a.targetID != b.targetID { return a.targetID < b.targetID }
            return a.position < b.position
        }.map(\.position)
    }

    /// The fact a finding is about: its target and the node of the description it points at.
    /// Findings on one fact are one problem with several legal bases (ID numbers collected fail
    /// the CAC notice, GB/T 35273 and the PIPL at the same node). A finding without a location
    /// is a fact of its own.
    static func factKey(_ f: Finding) -> String {
        f.location.map { "\(f.targetPath ?? "venue")@\($0)" } ?? "\(f.ruleID)|\(f.targetPath ?? "venue")"
    }

    /// `findings` as problems: findings in the same state on the same fact together, in order of
    /// each problem's first finding; within a problem, the rules that bind the venue first, then
    /// most severe first (`leadFirst`), so the first finding leads and the others are its
    /// further legal bases.
    static func problems(_ findings: [Finding]) -> [[Finding]] {
        problems(findings, Array(findings.indices)).map { $0.map { findings[$0] } }
    }

    /// `problems` of the findings at `subset`, as positions in `findings`: grouping and
    /// ordering positions copies no finding.
    static func problems(_ findings: [Finding], _ subset: [Int]) -> [[Int]] {
        var order: [ProblemKey] = []
        var members: [ProblemKey: [Int]] = [:]
        for i in subset {
            let key = ProblemKey(findings[i])
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(i)
        }
        return order.map { leadFirst(findings, members[$0] ?? []) }
    }

    /// For each finding, in order, the number of its problem when it shares its state and fact
    /// with another finding (1, 2, … in order of each problem's first finding); nil for a
    /// finding that is a problem of its own, and for passes and findings that did not apply. Machine formats carry it so a reader can group.
    static func sharedProblemNumbers(_ findings: [Finding]) -> [Int?] {
        // Passes and findings that did not apply are not problems.
        var keys: [ProblemKey?] = []
        keys.reserveCapacity(findings.count)
        for i in findings.indices {
            let state = findings[i].state
            keys.append(state == .pass || state == .notApplicable ? nil : ProblemKey(findings[i]))
        }
        var counts: [ProblemKey: Int] = [:]
        for case let k? in keys { counts[k, default: 0] += 1 }
        var numbers: [ProblemKey: Int] = [:]
        return keys.map { key in
            guard let k = key, (counts[k] ?? 0) > 1 else { return nil }
            if let n = numbers[k] { return n }
            let n = numbers.count + 1
            numbers[k] = n
            return n
        }
    }

    /// The findings of one problem, the one to lead it first: a rule that binds the venue before
    /// guidance and good practice, then as `sortedForPeople`.
    static func leadFirst(_ findings: [Finding]) -> [Finding] {
        leadFirst(findings, Array(findings.indices)).map { findings[$0] }
    }

    /// `leadFirst` of the findings at `subset`, as positions in `findings`.
    static func leadFirst(_ findings: [Finding], _ subset: [Int]) -> [Int] {
        let sorted = sortedForPeople(findings, subset)
        return sorted.filter { findings[$0].bindsVenue } + sorted.filter { !findings[$0].bindsVenue }
    }

    /// The finding's target in words: "collection point north-gate-book" / "登记点 north-gate-book",
    /// "incident 1" for `incidents[0]`, or "whole venue".
    static func targetName(_ f: Finding, _ language: Language) -> String {
        FieldLabels.target(scope: f.scope, id: f.targetID, language: language)
    }

    /// Splits a remediation text into actions: one per non-empty line, with list markers
    /// (`1.`, `-`, `*`, `•`) removed. A text without line breaks is one action.
    static func actions(_ remediation: String) -> [String] {
        // Spaces and tabs (what `isWhitespace` leaves once lines are split) are trimmed.
        func trimmed(_ text: Substring) -> Substring {
            guard let start = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
            let end = text.lastIndex(where: { !$0.isWhitespace })!  // exists: start does
            return text[start...end]
        }
        return remediation.split(whereSeparator: \.isNewline).compactMap { raw -> String? in
            var line = trimmed(raw)
            if let first = line.first, "-*•".contains(first) {
                line = trimmed(line.dropFirst())
            } else if let dot = line.firstIndex(where: { $0 == "." || $0 == ")" || $0 == "、" }),
                !line[..<dot].isEmpty, line[..<dot].allSatisfy(\.isNumber)
            {
                line = trimmed(line[line.index(after: dot)...])
            }
            return line.isEmpty ? nil : String(line)
        }
    }

    /// A stable 64-bit FNV-1a hash as 16 lowercase hex digits. Not cryptographic: it identifies
    /// a finding across runs (SARIF `partialFingerprints`), it does not protect anything.
    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// UI words of the human-readable reports, in English and Chinese. Rule texts come from the
/// data in both languages; only the frame is translated here.
struct ReportLabels {
    let language: Language

    func state(_ state: FindingState) -> String {
        state.label[language]
    }

    func severity(_ severity: Severity) -> String {
        severity.label[language]
    }

    func verdict(_ verdict: Verdict) -> String {
        switch (verdict, language) {
        case (.nonCompliant, .en): "Non-compliant"
        case (.nonCompliant, .zh): "不合规"
        case (.incomplete, .en): "Incomplete: evidence missing"
        case (.incomplete, .zh): "不完整：证据不足"
        case (.compliant, .en): "Compliant"
        case (.compliant, .zh): "合规"
        }
    }

    /// A heading for the findings in one state.
    func section(_ state: FindingState) -> String {
        switch (state, language) {
        case (.fail, .en): "Violations"
        case (.fail, .zh): "违规项"
        case (.error, .en): "Evaluation errors"
        case (.error, .zh): "评估错误"
        case (.unknown, .en): "Insufficient evidence"
        case (.unknown, .zh): "证据不足"
        case (.waived, .en): "Waived"
        case (.waived, .zh): "已豁免"
        case (.pass, .en): "Passed"
        case (.pass, .zh): "通过"
        case (.notApplicable, .en): "Not applicable"
        case (.notApplicable, .zh): "不适用"
        }
    }

    subscript(_ key: Key) -> String { language == .zh ? key.zh : key.en }

    /// Fixed phrases.
    enum Key {
        case report, venue, assessment, verdict, failThreshold, findings, bySeverity, byState, failing
        case rule, target, venueWide, location, sourceLine, evidence, expected, ruleLogic, condition, whatFirst, whatFirstIntro, closes,
            sameProblem, citations, guidance, remediation
        case waiver, waiverExpires, waiverInactive, observations, diagnostics, input, profile, packs, asOf
        case generated, tool, personalData, filters, search, allStates, allSeverities, allLaws, show, note
        case sha256, assessor, district, operatorName, type, jurisdiction, date, kind, total, practice
        case signoff, signoffNote, name, signature, inspector, venueRepresentative

        var en: String {
            switch self {
            case .report: "Venue data-protection audit"
            case .venue: "Venue"
            case .assessment: "Assessment"
            case .verdict: "Verdict"
            case .failThreshold: "fails at or above"
            case .findings: "Findings"
            case .bySeverity: "Failing by severity"
            case .byState: "Findings by state"
            case .failing: "failing"
            case .rule: "Rule"
            case .target: "Target"
            case .venueWide: "whole venue"
            case .location: "Location"
            case .sourceLine: "Source"
            case .evidence: "Evidence"
            case .expected: "Expected"
            case .ruleLogic: "Rule logic"
            case .condition: "Condition"
            case .whatFirst: "What to do first"
            case .whatFirstIntro: "Most severe first, by collection point. Each action names the findings it closes."
            case .closes: "Closes"
            case .sameProblem: "The same problem under other rules"
            case .signoff: "Sign-off"
            case .signoffNote: "Signed by both when the report is handed over; the venue's signature confirms receipt, not agreement."
            case .name: "Name"
            case .signature: "Signature"
            case .inspector: "Inspector"
            case .venueRepresentative: "Venue representative"
            case .citations: "Legal basis"
            case .guidance: "Guidance (not binding on this venue)"
            case .remediation: "What to do"
            case .waiver: "Waiver"
            case .waiverExpires: "expires"
            case .waiverInactive: "expired: the finding stands"
            case .observations: "Observations on site"
            case .diagnostics: "Notes on the input file"
            case .input: "Input"
            case .profile: "Profile"
            case .packs: "Rule packs"
            case .asOf: "As of"
            case .generated: "Generated"
            case .tool: "Tool"
            case .personalData:
                "Personal data (ID numbers, phone numbers, e-mails or passport numbers) was found in the input file and masked in this report. Protect the input file."
            case .filters: "Filter"
            case .search: "Search findings"
            case .allStates: "all states"
            case .allSeverities: "all severities"
            case .allLaws: "all packs"
            case .show: "show"
            case .note: "note"
            case .sha256: "SHA-256"
            case .assessor: "Assessor"
            case .district: "District"
            case .operatorName: "Operator"
            case .type: "Type"
            case .jurisdiction: "Jurisdiction"
            case .date: "Date"
            case .kind: "Kind"
            case .total: "total"
            case .practice: "good practice"
            }
        }

        var zh: String {
            switch self {
            case .report: "场所个人信息保护审核报告"
            case .venue: "场所"
            case .assessment: "检查"
            case .verdict: "结论"
            case .failThreshold: "判定不合规的最低严重程度"
            case .findings: "检查结果"
            case .bySeverity: "未通过项（按严重程度）"
            case .byState: "检查结果（按状态）"
            case .failing: "未通过"
            case .rule: "规则"
            case .target: "对象"
            case .venueWide: "整个场所"
            case .location: "位置"
            case .sourceLine: "原文"
            case .evidence: "证据"
            case .expected: "要求"
            case .ruleLogic: "规则逻辑"
            case .condition: "判定条件"
            case .whatFirst: "优先整改事项"
            case .whatFirstIntro: "按登记点分组，严重程度高的在前；每项措施注明其解决的问题。"
            case .closes: "解决"
            case .sameProblem: "同一问题涉及的其他规则"
            case .signoff: "签字确认"
            case .signoffNote: "报告交接时由双方签字；场所方签字表示已收到本报告，不表示同意其结论。"
            case .name: "姓名"
            case .signature: "签字"
            case .inspector: "检查人员"
            case .venueRepresentative: "场所代表"
            case .citations: "法律依据"
            case .guidance: "参考指引（对本场所无约束力）"
            case .remediation: "整改措施"
            case .waiver: "豁免"
            case .waiverExpires: "有效期至"
            case .waiverInactive: "已过期：结果维持不变"
            case .observations: "现场观察"
            case .diagnostics: "输入文件提示"
            case .input: "输入文件"
            case .profile: "规则配置"
            case .packs: "规则包"
            case .asOf: "评估基准日"
            case .generated: "生成时间"
            case .tool: "工具"
            case .personalData: "输入文件中发现个人信息（身份证号、电话号码、电子邮箱或护照号），本报告已做脱敏处理。请妥善保护输入文件。"
            case .filters: "筛选"
            case .search: "搜索检查结果"
            case .allStates: "全部状态"
            case .allSeverities: "全部严重程度"
            case .allLaws: "全部规则包"
            case .show: "显示"
            case .note: "注"
            case .sha256: "SHA-256"
            case .assessor: "检查人"
            case .district: "区域"
            case .operatorName: "运营者"
            case .type: "类型"
            case .jurisdiction: "法域"
            case .date: "日期"
            case .kind: "类别"
            case .total: "合计"
            case .practice: "良好实践"
            }
        }
    }
}

/// What makes findings one problem: the same state on the same fact (`ReportFormatting.factKey`),
/// compared field by field rather than printed into a text.
private struct ProblemKey: Hashable {
    var state: FindingState
    var target: String
    var location: FileLocation?
    /// Only for a finding without a location, which is a fact of its own.
    var ruleID: String?

    init(_ f: Finding) {
        state = f.state
        target = f.targetPath ?? "venue"
        location = f.location
        ruleID = f.location == nil ? f.ruleID : nil
    }
}
