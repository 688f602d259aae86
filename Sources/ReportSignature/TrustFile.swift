import AuditBasics
import VenueModel
import YAMLReader

/// One signer a regulator accepts.
public struct TrustedSigner: Sendable {
    public var name: String
    public var organization: String
    public var key: PublicKey
    public var validFrom: CivilDate
    public var validTo: CivilDate
    /// Signatures made on or after this day are refused.
    public var revoked: CivilDate?
    /// Where the entry is in the trust file.
    public var location: FileLocation?
}

/// The signers a regulator accepts, read from a YAML trust file (`--trust FILE`):
///
///     signers:
///       - name: Inspector Li
///         organization: Jinjiang Market Supervision Bureau
///         public_key_file: keys/li.pub.pem   # relative to this file; or public_key: PEM text
///         valid_from: 2020-01-01
///         valid_to: 2030-12-31
///         revoked: 2025-06-01                # optional
///
/// Checked like a venue description: unknown keys, missing fields and bad values are
/// `file:line:column` errors.
public struct TrustFile: Sendable {
    public var signers: [TrustedSigner]

    public init(signers: [TrustedSigner]) { self.signers = signers }

    public struct Result: Sendable {
        /// nil when there are errors.
        public var trust: TrustFile?
        public var diagnostics: [Diagnostic]
    }

    public static let signerShape = ObjectShape(
        name: "signer", doc: "A person whose signed reports are accepted.",
        fields: [
            FieldShape("name", .string, required: true, doc: "The signer's name, as reports and the dashboard show it."),
            FieldShape("organization", .string, required: true, doc: "The office the signer works for."),
            FieldShape("public_key_file", .string, doc: "A PEM public key file, relative to the trust file."),
            FieldShape("public_key", .string, doc: "The PEM public key itself (instead of public_key_file)."),
            FieldShape("valid_from", .date, required: true, doc: "First day a signature by this key is accepted."),
            FieldShape("valid_to", .date, required: true, doc: "Last day a signature by this key is accepted."),
            FieldShape("revoked", .date, doc: "The day the key was revoked: signatures from this day on are refused."),
        ])

    public static let shape = ObjectShape(
        name: "trust file", doc: "The signers whose reports a regulator accepts.",
        fields: [FieldShape("signers", .list(.object(signerShape)), required: true, doc: "The accepted signers.")])

    public static func read(path: String) -> Result {
        do throws(SignatureError) {
            return read(bytes: try readFile(path), path: path)
        } catch {
            return Result(trust: nil, diagnostics: [.error("unreadable", error.message, at: nil)])
        }
    }

    public static func read(bytes: [UInt8], path: String) -> Result {
        let root: YAMLNode
        do throws(YAMLError) {
            guard let first = try YAMLReader().readAll(bytes, file: path).first?.root else {
                return Result(
                    trust: nil, diagnostics: [.error("empty", "empty trust file", at: FileLocation(file: path, line: 1, column: 1))])
            }
            root = first
        } catch {
            return Result(trust: nil, diagnostics: [error.diagnostic])
        }
        var decoder = ShapeDecoder()
        let fact = decoder.decode(root, as: .object(shape), path: "")
        // A venue description ignores an unknown field with a warning, so older tools read newer
        // files; a trust file may not: a misspelt `revoked:` would go on trusting a revoked key.
        var diagnostics = decoder.diagnostics.map { d in
            var d = d
            if d.severity == .warning {
                d.severity = .error
                if d.message.hasSuffix("; it is ignored") { d.message.removeLast("; it is ignored".count) }
            }
            return d
        }
        var signers: [TrustedSigner] = []
        for entry in fact?["signers"]?.list ?? [] {
            if let signer = signer(entry, trustFile: path, diagnostics: &diagnostics) { signers.append(signer) }
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return Result(trust: nil, diagnostics: diagnostics) }
        return Result(trust: TrustFile(signers: signers), diagnostics: diagnostics)
    }

    private static func signer(_ entry: Fact, trustFile: String, diagnostics: inout [Diagnostic]) -> TrustedSigner? {
        guard let name = entry["name"]?.string, let organization = entry["organization"]?.string,
            case .date(let from)? = entry["valid_from"]?.value, case .date(let to)? = entry["valid_to"]?.value
        else { return nil }  // the decoder has said what is missing
        var revoked: CivilDate?
        if case .date(let day)? = entry["revoked"]?.value { revoked = day }
        if to < from {
            diagnostics.append(.error("date-order", "valid_to \(to) is before valid_from \(from)", at: entry["valid_to"]?.location))
        }
        let file = entry["public_key_file"]
        let text = entry["public_key"]
        let pem: [UInt8]
        let at: FileLocation?
        switch (file?.string, text?.string) {
        case (let path?, nil):
            let resolved = path.hasPrefix("/") ? path : directory(of: trustFile) + path
            do throws(SignatureError) {
                pem = try readFile(resolved)
            } catch {
                diagnostics.append(.error("unreadable-key", error.message, at: file?.location))
                return nil
            }
            at = file?.location
        case (nil, let value?):
            pem = Array(value.utf8)
            at = text?.location
        case (.some, .some):
            diagnostics.append(.error("conflict", "give public_key_file or public_key, not both", at: text?.location))
            return nil
        case (nil, nil):
            diagnostics.append(.error("missing", "a signer needs public_key_file or public_key", at: entry.location))
            return nil
        }
        if SigningKey.looksPrivate(pem) {
            diagnostics.append(
                .error(
                    "private-key", "this is a private key; a trust file lists public keys only (keep the private key with its signer)",
                    at: at))
            return nil
        }
        guard let key = PublicKey(pem: pem) else {
            diagnostics.append(.error("bad-key", "not a PEM public key (ECDSA or RSA)", at: at))
            return nil
        }
        return TrustedSigner(
            name: name, organization: organization, key: key, validFrom: from, validTo: to, revoked: revoked, location: entry.location)
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }
}
