import AuditBasics
import AuditResults
import Foundation

/// Turns one audit result into one document. Reporters are pure: no file system, no clock, no
/// environment. Everything that varies between runs arrives in `context`.
public protocol Reporter: Sendable {
    /// The value users pass to `--format`. Never renamed once released.
    static var identifier: String { get }
    /// The extension used when writing into `--output`, such as `"junit.xml"`.
    static var fileExtension: String { get }
    /// One line for `venue-audit reporters`.
    static var summary: String { get }

    init(context: ReportContext)

    /// Renders the whole document.
    func render(_ result: AuditResult) throws -> String

    /// The document as the UTF-8 bytes of a file; the same text as `render`. Reporters that
    /// write bytes return them without making a String first.
    func renderBytes(_ result: AuditResult) throws -> [UInt8]
}

extension Reporter {
    public func renderBytes(_ result: AuditResult) throws -> [UInt8] { Array(try render(result).utf8) }
}

/// What may differ between two runs on the same input. Tests pin all of it.
public struct ReportContext: Sendable, Hashable {
    /// The version of venue-audit that writes the report (`0.1.0`).
    public var toolVersion: String
    /// When the report was written; printed in UTC to the second (`2020-12-10T08:30:00Z`).
    public var generatedAt: Date
    /// The language of labels and of the rule texts chosen from each `LocalizedText`.
    public var language: Language
    /// Prefix of a rule's documentation page; the page is `<prefix><RULE-ID>.md`. Relative
    /// (`docs/rules/`) or absolute (`https://example.org/venue-audit/rules/`).
    public var rulesDocsBase: String
    /// ANSI colours in terminal text. Only the text reporter reads it.
    public var colour: Bool

    public init(
        toolVersion: String,
        generatedAt: Date,
        language: Language = .en,
        rulesDocsBase: String = "docs/rules/",
        colour: Bool = false
    ) {
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
        self.language = language
        self.rulesDocsBase = rulesDocsBase
        self.colour = colour
    }

    /// The pinned context golden files are written with: version `0.0.0-test`, generated at
    /// 2020-12-10T08:30:00Z, English, relative rule links, no colour.
    public static let pinnedForTests = ReportContext(
        toolVersion: "0.0.0-test",
        generatedAt: Date(timeIntervalSince1970: 1_607_589_000),
        language: .en
    )

    /// The documentation page of a rule.
    public func ruleDocURL(_ ruleID: String) -> String { rulesDocsBase + ruleID + ".md" }

    /// `generatedAt` as an XML Schema `dateTime` in UTC, whole seconds: `2020-12-10T08:30:00Z`.
    public var generatedAtISO: String { ReportFormatting.iso8601UTC(generatedAt) }
}

/// Every built-in report format.
public enum Reporters {
    /// Every built-in format, in the order `venue-audit reporters` prints them.
    public static let all: [any Reporter.Type] = [
        XMLReporter.self, HTMLReporter.self, SARIFReporter.self,
        JUnitReporter.self, JSONReporter.self, TextReporter.self, XMLReporterV1.self,
    ]

    /// The format whose identifier is `identifier`, or nil (a usage error listing `identifiers`).
    public static func named(_ identifier: String) -> (any Reporter.Type)? {
        all.first { $0.identifier == identifier }
    }

    /// The valid `--format` values, for usage messages.
    public static var identifiers: [String] { all.map { $0.identifier } }
}
