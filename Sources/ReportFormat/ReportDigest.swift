import Crypto

/// The tamper-evidence of the canonical XML report: the last element of every report is
/// `<digest algorithm="sha-256">HEX</digest>`, the SHA-256 of the report's own bytes with that
/// hex replaced by 64 zeros.
///
/// Any change to a report after it was written (a state flipped from `fail` to `pass`, a finding
/// removed, a date moved) makes the digest disagree with the content, and the aggregator rejects
/// the report. The digest is not a signature: someone who edits a report on purpose can compute a
/// new one. It catches edits by hand, corruption and tools that rewrite files; a signature
/// (ReportSignature) adds who wrote the report and that nobody changed it since. Text and
/// attribute values are escaped by libxml2's writer, so the only raw `<digest ` in a report is
/// the element itself.
///
/// A signed report has a `<ds:Signature>` element after the digest, added once the report was
/// sealed; the digest is of the report without it (the signature in turn covers the digest).
public enum ReportDigest {
    /// The algorithm name written in the `algorithm` attribute.
    public static let algorithm = "sha-256"

    /// What the digest element holds while the digest is computed.
    public static let placeholder = String(repeating: "0", count: 64)

    /// The outcome of checking a report's digest.
    public enum Check: Sendable, Hashable {
        /// The digest matches the content; the value is the digest (the report's identity).
        case valid(String)
        /// The report has no digest element.
        case missing
        /// The digest does not match the content: the report was changed after it was written.
        case mismatch(claimed: String, actual: String)
    }

    /// `report` (rendered with `placeholder` in its digest element) with the real digest filled in.
    public static func seal(_ report: String) -> String {
        let bytes = Array(report.utf8)
        guard let range = hexRange(in: bytes) else { return report }
        var sealed = bytes
        sealed.replaceSubrange(range, with: Array(hex(SHA256.hash(data: bytes)).utf8))
        return String(decoding: sealed, as: UTF8.self)
    }

    /// Fills in the digest of a report rendered as bytes, in place.
    public static func seal(bytes: inout [UInt8]) {
        guard let range = hexRange(in: bytes) else { return }
        let digest = hex(SHA256.hash(data: bytes))
        bytes.replaceSubrange(range, with: digest.utf8)
    }

    /// Checks the digest of the report in `bytes`.
    public static func check(_ bytes: [UInt8]) -> Check {
        guard let range = hexRange(in: bytes) else { return .missing }
        let claimed = String(decoding: bytes[range], as: UTF8.self)
        // The hash of the bytes with the placeholder in the digest's place, fed in three
        // pieces rather than hashed from a patched copy of the whole report.
        let signature = signatureRange(in: bytes, after: range.upperBound)
        var hasher = SHA256()
        bytes.withUnsafeBytes { raw in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[..<range.lowerBound]))
            placeholderBytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            if let signature {
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[range.upperBound..<signature.lowerBound]))
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[signature.upperBound...]))
            } else {
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[range.upperBound...]))
            }
        }
        let actual = hex(hasher.finalize())
        return claimed == actual ? .valid(actual) : .mismatch(claimed: claimed, actual: actual)
    }

    // MARK: - Private

    private static let placeholderBytes = Array(placeholder.utf8)

    private static let opening = Array("<digest algorithm=\"\(algorithm)\">".utf8)

    /// Where the 64 hex digits of the last digest element are, if the element is well formed.
    private static func hexRange(in bytes: [UInt8]) -> Range<Int>? {
        let n = opening.count
        guard bytes.count >= n + 64 else { return nil }
        var i = bytes.count - n - 64
        while i >= 0 {
            if bytes[i] == opening[0], bytes[i..<(i + n)].elementsEqual(opening) {
                let start = i + n
                let end = start + 64
                let closing = closingDigest
                guard end + closing.count <= bytes.count, bytes[end..<(end + closing.count)].elementsEqual(closing)
                else { return nil }
                return start..<end
            }
            i -= 1
        }
        return nil
    }

    /// Where the signature element of a signed report is: from `<ds:Signature` after the digest
    /// (past its closing tag and white space) to the end of the last `</ds:Signature>`, when
    /// only white space and the root's closing tag follow. Anything else is hashed as content.
    private static func signatureRange(in bytes: [UInt8], after hexEnd: Int) -> Range<Int>? {
        var i = hexEnd + closingDigest.count
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard bytes.count - i > signatureOpening.count, bytes[i..<(i + signatureOpening.count)].elementsEqual(signatureOpening)
        else { return nil }
        let start = i
        var end = bytes.count
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start > rootClosing.count, bytes[(end - rootClosing.count)..<end].elementsEqual(rootClosing) else { return nil }
        end -= rootClosing.count
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start > signatureClosing.count, bytes[(end - signatureClosing.count)..<end].elementsEqual(signatureClosing)
        else { return nil }
        return start..<end
    }

    private static let closingDigest = Array("</digest>".utf8)
    private static let signatureOpening = Array("<ds:Signature".utf8)
    private static let signatureClosing = Array("</ds:Signature>".utf8)
    private static let rootClosing = Array("</report>".utf8)

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// The SHA-256 of `bytes` in lower-case hex, as reports record their input files.
    public static func sha256Hex(of bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
