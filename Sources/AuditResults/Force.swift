import AuditBasics

/// The legal force of what a rule encodes or an instrument is, strongest first. Reports show
/// it beside every finding, and the verdict weighs it: only a failure of a rule that binds the
/// venue (a statute, a regulation, a judicial interpretation or a normative notice) can make a
/// venue non-compliant; a recommended standard, regulator guidance or good practice that is
/// not met is reported as something to fix, never as a breach of the law (docs/policy-format.md).
public enum Force: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A law adopted by a legislature (PIPL, the Civil Code, the GDPR as an EU regulation).
    case statute
    /// Secondary legislation and binding orders: administrative regulations, statutory
    /// instruments, ordinances, public-health orders and directions.
    case regulation
    /// A binding interpretation by the highest court or procuratorate (China's SPC/SPP).
    case judicialInterpretation = "judicial_interpretation"
    /// A notice of a government body that the authorities apply (the CAC notice of 2020).
    case normativeNotice = "normative_notice"
    /// A recommended, non-mandatory standard (GB/T): it says what a controller should do.
    case recommendedStandard = "recommended_standard"
    /// A regulator's or government's guidance: how it reads the law, not law itself.
    case guidance
    /// Good practice where the law is silent.
    case goodPractice = "good_practice"

    /// Whether a failure can be a breach of the law: statutes, regulations, judicial
    /// interpretations and normative notices bind; standards, guidance and practice advise.
    public var binds: Bool {
        switch self {
        case .statute, .regulation, .judicialInterpretation, .normativeNotice: true
        case .recommendedStandard, .guidance, .goodPractice: false
        }
    }

    /// Strongest first.
    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// `a < b` when `a` is weaker than `b`.
    public static func < (a: Force, b: Force) -> Bool { a.rank > b.rank }

    public var label: LocalizedText {
        switch self {
        case .statute: LocalizedText(en: "statute", zh: "法律")
        case .regulation: LocalizedText(en: "regulation", zh: "法规")
        case .judicialInterpretation: LocalizedText(en: "judicial interpretation", zh: "司法解释")
        case .normativeNotice: LocalizedText(en: "normative notice", zh: "规范性文件")
        case .recommendedStandard: LocalizedText(en: "recommended standard", zh: "推荐性标准")
        case .guidance: LocalizedText(en: "guidance", zh: "指引")
        case .goodPractice: LocalizedText(en: "good practice", zh: "良好实践")
        }
    }
}
