/// The languages reports and messages are written in.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case en, zh
}

/// A text in English and Chinese. Rules, titles and remediation carry both, so one run can
/// write a report in either language.
public struct LocalizedText: Sendable, Hashable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The same text in both languages (identifiers, numbers).
    public init(_ both: String) {
        en = both
        zh = both
    }

    public subscript(language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh
        }
    }

    /// Applies `transform` to both languages.
    public func map(_ transform: (String) -> String) -> LocalizedText {
        LocalizedText(en: transform(en), zh: transform(zh))
    }
}
