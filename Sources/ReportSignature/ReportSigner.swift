import ReportFormat

/// Signs sealed XML reports with an enveloped XML Signature (XMLDSig 1.0: exclusive c14n,
/// SHA-256, ECDSA or RSA) over the whole report, digest included.
///
/// The signature is made on a parsed copy of the report and its element inserted, as written
/// by libxmlsec1, just before the root's closing tag: the only bytes that change are the
/// signature's own, so the report's digest (which leaves the signature out) still holds and a
/// report read in the future still parses to what was signed.
public struct ReportSigner: Sendable {
    public let key: SigningKey

    public init(key: SigningKey) { self.key = key }

    public func sign(_ report: String) throws(SignatureError) -> String {
        String(decoding: try sign(Array(report.utf8)), as: UTF8.self)
    }

    public func sign(_ report: [UInt8]) throws(SignatureError) -> [UInt8] {
        guard case .valid = ReportDigest.check(report) else {
            throw SignatureError("only a sealed report (one whose digest matches its content) can be signed")
        }
        let (status, facts) = XMLSec.inspect(report)
        switch status {
        case .noSignature: break
        case .ok, .malformed: throw SignatureError("the report is already signed")
        default: throw SignatureError("the report is not well-formed XML")
        }
        let signature: [UInt8]
        switch XMLSec.sign(report, keyPEM: key.pem, keyName: key.keyID, referenceID: ReportIdentity.referenceID(facts.identity)) {
        case .success(let bytes): signature = bytes
        case .failure(.badKey): throw SignatureError("the key cannot sign: it must be an ECDSA or RSA private key")
        case .failure: throw SignatureError("libxmlsec1 could not sign the report")
        }
        guard let close = ReportIdentity.rootClosingTag(in: report) else { throw SignatureError("the report has no closing tag") }
        var signed = Array(report[..<close])
        signed.reserveCapacity(report.count + signature.count)
        signed += signature
        signed += report[close...]
        return signed
    }
}

/// What ties a signature to one report: the hash of the facts that make it that report and not
/// another (when it was written, the input and document it describes, the venue, the day of the
/// assessment), carried as the signature Reference's Id, which the signature covers.
enum ReportIdentity {
    static func referenceID(_ identity: String) -> String {
        "report-" + ReportDigest.sha256Hex(of: Array(identity.utf8)).prefix(32)
    }

    /// The index of the last `</report>` in the bytes.
    static func rootClosingTag(in bytes: [UInt8]) -> Int? {
        let tag = Array("</report>".utf8)
        var i = bytes.count - tag.count
        while i >= 0 {
            if bytes[i] == tag[0], bytes[i..<(i + tag.count)].elementsEqual(tag) { return i }
            i -= 1
        }
        return nil
    }
}
