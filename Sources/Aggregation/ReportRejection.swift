import AuditBasics
import ReportFormat

/// Why a report was not aggregated. A rejected report is counted and named, never aggregated,
/// and never stops the others.
public struct ReportRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The file could not be read.
        case unreadable
        /// Not well-formed XML (corrupt bytes, a broken tag).
        case malformed
        /// The document stops before its end (`</report>` missing): an interrupted copy or write.
        case truncated
        /// Well-formed, but not valid against the report XSD.
        case schemaInvalid = "schema-invalid"
        /// The report's digest does not match its content: it was changed after it was written.
        case tampered
        /// The verdict it states does not follow from its own findings: the report was edited
        /// and its digest recomputed, so none of it is believed.
        case inconsistent
        /// Written by a format or tool version this tool does not know (a newer one), or dated
        /// after the day the aggregate runs.
        case implausible
        /// With `--require-signature`: the report is not signed.
        case unsigned
        /// Signature reasons (with `--trust`), as `SignatureProblem` names them: a signature
        /// venue-audit does not accept, a signer the trust file does not list, a signature
        /// outside the signer's validity or after its revocation, a signature value that does
        /// not verify, content changed after signing, a signature copied from another report.
        case signatureMalformed = "signature-malformed"
        case unknownSigner = "unknown-signer"
        case outsideValidity = "outside-validity"
        case revoked
        case badSignature = "bad-signature"
        case altered
        case otherReport = "signature-of-another-report"

        /// The reason for a signature problem.
        public init(_ problem: SignatureProblem) {
            switch problem {
            case .unsigned: self = .unsigned
            case .malformed: self = .signatureMalformed
            case .unknownSigner: self = .unknownSigner
            case .outsideValidity: self = .outsideValidity
            case .revoked: self = .revoked
            case .badSignature: self = .badSignature
            case .altered: self = .altered
            case .otherReport: self = .otherReport
            }
        }

        public static func < (a: Reason, b: Reason) -> Bool {
            (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
        }

        /// The diagnostic code printed in brackets.
        public var code: String { "report-\(rawValue)" }
    }

    public var reason: Reason
    public var path: String
    /// What was wrong, `file:line:column: error: [report-…] message`; at least one.
    public var diagnostics: [Diagnostic]

    public init(_ reason: Reason, path: String, diagnostics: [Diagnostic]) {
        self.reason = reason
        self.path = path
        self.diagnostics = diagnostics
    }

    /// A rejection with one message, located at `line:column` (1:1 when unknown).
    public init(_ reason: Reason, path: String, _ message: String, line: Int = 1, column: Int = 1) {
        let location = FileLocation(file: path, line: max(line, 1), column: max(column, 1))
        self.init(reason, path: path, diagnostics: [.error(reason.code, message, at: location)])
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
