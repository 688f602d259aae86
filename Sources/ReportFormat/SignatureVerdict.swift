/// Who signed a report, as the regulator's trust file names them.
public struct SignerIdentity: Sendable, Hashable {
    public var name: String
    public var organization: String
    /// The SHA-256 of the signer's public key (DER SubjectPublicKeyInfo), lower-case hex.
    public var keyID: String

    public init(name: String, organization: String, keyID: String) {
        self.name = name
        self.organization = organization
        self.keyID = keyID
    }
}

/// Why a report's signature is not accepted. The raw values are the stable reason codes shown
/// by `verify`, counted by `aggregate` and stored.
public enum SignatureProblem: String, Sendable, Hashable, CaseIterable {
    /// The report has no signature (rejected only when a signature is required).
    case unsigned
    /// A signature we do not accept: several of them, one not at the end of the report, other
    /// algorithms, or a reference to anything but the whole report.
    case malformed = "signature-malformed"
    /// Signed with a key the trust file does not list.
    case unknownSigner = "unknown-signer"
    /// Signed on a date outside the signer's `valid_from`…`valid_to`.
    case outsideValidity = "outside-validity"
    /// Signed on or after the date the signer's key was revoked.
    case revoked
    /// The signature value does not verify with the signer's key: the signature itself was
    /// changed, or made with another key than the one it names.
    case badSignature = "bad-signature"
    /// The report's content is not what was signed: it was changed after signing.
    case altered
    /// The signature was made for another report and copied onto this one.
    case otherReport = "signature-of-another-report"
}

/// The outcome of checking one report's signature against a trust file.
public enum SignatureVerdict: Sendable, Hashable {
    case valid(SignerIdentity)
    case unsigned
    /// `detail` is a sentence for people; it never contains key material or personal data.
    case rejected(SignatureProblem, detail: String)
}

/// Checks the signature of a whole report. Aggregation asks through this protocol, so it needs
/// no cryptography of its own; the command line passes ReportSignature's verifier.
public protocol ReportSignatureChecking: Sendable {
    func check(_ report: [UInt8]) -> SignatureVerdict
}
