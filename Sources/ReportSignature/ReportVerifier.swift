import AuditBasics
import ReportFormat

/// Checks report signatures against a trust file: whose key signed, whether the signature and
/// the content agree, and whether the key was trusted on the day the report was written.
///
/// The day of signing is the report's own `generated-at`, which the signature covers. Nothing
/// here can tell a signer who backdates a report with a key stolen after it was revoked: that
/// needs a time-stamping authority, which this format does not have.
public struct ReportVerifier: ReportSignatureChecking {
    public let trust: TrustFile

    public init(trust: TrustFile) { self.trust = trust }

    public func check(_ report: [UInt8]) -> SignatureVerdict {
        let (status, facts) = XMLSec.inspect(report)
        switch status {
        case .ok: break
        case .noSignature: return .unsigned
        case .malformed:
            return .rejected(
                .malformed, detail: "the report's signature is not one venue-audit accepts (one, at the end, over the whole report)")
        default: return .rejected(.malformed, detail: "the report is not well-formed XML")
        }
        let candidates = trust.signers.filter { $0.key.keyID == facts.keyName }
        guard let first = candidates.first else {
            return .rejected(.unknownSigner, detail: "signed with key \(Self.short(facts.keyName)), which the trust file does not list")
        }
        switch XMLSec.verify(report, publicKeyPEM: first.key.pem) {
        case (.ok, _): break
        case (.invalid, false):
            // The signature value is right for what was signed, but this report is not what
            // was signed: edited afterwards, or the signature belongs to another report.
            if ReportIdentity.referenceID(facts.identity) != facts.referenceID {
                return .rejected(
                    .otherReport,
                    detail: "the signature was made for another report (its date, input or venue differ) and copied onto this one")
            }
            return .rejected(.altered, detail: "the report was changed after \(first.name) signed it")
        case (.invalid, true):
            return .rejected(.badSignature, detail: "the signature value does not verify with \(first.name)'s key")
        case (.malformed, _):
            return .rejected(.malformed, detail: "the signature uses algorithms, transforms or references venue-audit does not accept")
        default:
            return .rejected(.malformed, detail: "the signature could not be checked")
        }
        guard let signed = CivilDate(iso: facts.generatedAt.prefix(10)) else {
            return .rejected(.malformed, detail: "the report has no generated-at date to check the signer's validity against")
        }
        // The same key may be listed more than once (renewed with a new period); any entry
        // that covers the day will do, else the first entry's reason is given.
        if let good = candidates.first(where: { $0.problem(signedOn: signed) == nil }) {
            return .valid(SignerIdentity(name: good.name, organization: good.organization, keyID: good.key.keyID))
        }
        let (problem, detail) = first.problem(signedOn: signed)!
        return .rejected(problem, detail: detail)
    }

    static func short(_ keyID: String) -> String { keyID.isEmpty ? "(none named)" : String(keyID.prefix(16)) }
}

extension TrustedSigner {
    func problem(signedOn day: CivilDate) -> (SignatureProblem, String)? {
        if let revoked, day >= revoked {
            return (.revoked, "signed on \(day) with \(name)'s key, revoked on \(revoked)")
        }
        if day < validFrom || day > validTo {
            return (.outsideValidity, "signed on \(day), outside \(name)'s validity \(validFrom) to \(validTo)")
        }
        return nil
    }
}
