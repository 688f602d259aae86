import AuditBasics
import Foundation
import ReportFormat
import ReportSignature
import Reporters
import TestSupport
import Testing

/// A key pair in a private temporary folder, the way `keys new` writes one.
struct KeyPair {
    let folder: String
    let privatePath: String
    let publicPath: String

    init(_ name: String = "inspector") throws {
        folder = NSTemporaryDirectory() + "venue-audit-sig-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (priv, pub) = SigningKey.generate()
        privatePath = folder + "/\(name).pem"
        publicPath = folder + "/\(name).pub.pem"
        try priv.write(toFile: privatePath, atomically: false, encoding: .utf8)
        try pub.write(toFile: publicPath, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: privatePath)
    }

    func signer() throws -> ReportSigner { ReportSigner(key: try SigningKey.read(path: privatePath)) }

    /// A trust file beside the keys naming this key.
    func trust(
        name: String = "Inspector Li", from: String = "2020-01-01", to: String = "2030-12-31", revoked: String? = nil
    ) throws -> TrustFile {
        var yaml = """
            signers:
              - name: \(name)
                organization: Jinjiang Market Supervision Bureau
                public_key_file: \((publicPath as NSString).lastPathComponent)
                valid_from: \(from)
                valid_to: \(to)

            """
        if let revoked { yaml += "    revoked: \(revoked)\n" }
        let path = folder + "/trust.yaml"
        let result = TrustFile.read(bytes: Array(yaml.utf8), path: path)
        return try #require(result.trust, "\(result.diagnostics)")
    }
}

enum Reports {
    static func xml(_ fixture: String = "mall") throws -> String {
        try XMLReporter(context: .pinnedForTests).render(Fixtures.auditResult(named: fixture))
    }

    /// Splits a signed report into the report as sealed and its signature element.
    static func split(_ signed: String) throws -> (report: String, signature: String) {
        let start = try #require(signed.range(of: "<ds:Signature"))
        let end = try #require(signed.range(of: "</ds:Signature>"))
        return (String(signed[..<start.lowerBound]) + String(signed[end.upperBound...]), String(signed[start.lowerBound..<end.upperBound]))
    }

    /// What a forger who knows the digest algorithm does: edits the report, recomputes its
    /// digest, and puts the old signature back where it was.
    static func forge(_ signed: String, _ edit: (String) -> String) throws -> String {
        let (report, signature) = try split(signed)
        let edited = edit(report)
        #expect(edited != report, "the edit changed nothing")
        let zeroed = edited.replacingOccurrences(
            of: #"<digest algorithm="sha-256">[0-9a-f]{64}</digest>"#,
            with: "<digest algorithm=\"sha-256\">\(ReportDigest.placeholder)</digest>", options: .regularExpression)
        let resealed = ReportDigest.seal(zeroed)
        guard case .valid = ReportDigest.check(Array(resealed.utf8)) else {
            Issue.record("the forged report does not reseal")
            return resealed
        }
        return try insert(signature, into: resealed)
    }

    static func insert(_ signature: String, into report: String) throws -> String {
        let close = try #require(report.range(of: "</report>", options: .backwards))
        return String(report[..<close.lowerBound]) + signature + String(report[close.lowerBound...])
    }
}

@Suite struct SignAndVerifyTests {
    @Test func aSignedReportVerifiesAndNamesItsSigner() throws {
        let keys = try KeyPair()
        let signer = try keys.signer()
        let signed = try signer.sign(try Reports.xml())
        let verdict = ReportVerifier(trust: try keys.trust()).check(Array(signed.utf8))
        #expect(
            verdict
                == .valid(
                    SignerIdentity(name: "Inspector Li", organization: "Jinjiang Market Supervision Bureau", keyID: signer.key.keyID)))
        #expect(signer.key.keyID.count == 64)
        #expect(signed.contains("<ds:KeyName>\(signer.key.keyID)</ds:KeyName>"))
    }

    @Test func signingKeepsTheDigestAndTheSchema() throws {
        let unsigned = try Reports.xml()
        let signed = try KeyPair().signer().sign(unsigned)
        guard case .valid(let before) = ReportDigest.check(Array(unsigned.utf8)),
            case .valid(let after) = ReportDigest.check(Array(signed.utf8))
        else {
            Issue.record("a digest does not hold")
            return
        }
        #expect(before == after)
        // Nothing but the signature was added, just before the root's closing tag.
        #expect(try Reports.split(signed).report == unsigned)
        let schema = try XMLSchemaValidator.reportSchema()
        #expect(schema.validate(xml: unsigned).isEmpty)
        #expect(schema.validate(xml: signed).isEmpty)
    }

    @Test func aSignedReportCannotBeSignedAgainNorAnUnsealedOne() throws {
        let signer = try KeyPair().signer()
        let signed = try signer.sign(try Reports.xml())
        #expect(throws: SignatureError.self) { try signer.sign(signed) }
        let unsealed = try Reports.xml().replacingOccurrences(of: "Chunxi", with: "Chunxl")
        #expect(throws: SignatureError.self) { try signer.sign(unsealed) }
    }

    @Test func theDigestStillCatchesAnEditToASignedReport() throws {
        let signed = try KeyPair().signer().sign(try Reports.xml())
        let edited = signed.replacingOccurrences(of: "state=\"fail\"", with: "state=\"pass\"")
        guard case .mismatch = ReportDigest.check(Array(edited.utf8)) else {
            Issue.record("an edit under a signature passed the digest")
            return
        }
    }
}

@Suite struct RejectionTests {
    let keys: KeyPair
    let signed: String
    let verifier: ReportVerifier

    init() throws {
        keys = try KeyPair()
        signed = try keys.signer().sign(try Reports.xml())
        verifier = ReportVerifier(trust: try keys.trust())
    }

    func problem(_ report: String) -> SignatureProblem? {
        if case .rejected(let problem, _) = verifier.check(Array(report.utf8)) { return problem }
        return nil
    }

    @Test func oneChangedAttribute() throws {
        let forged = try Reports.forge(signed) { r in
            guard let range = r.range(of: "state=\"fail\"") else { return r }
            return r.replacingCharacters(in: range, with: "state=\"pass\"")
        }
        #expect(problem(forged) == .altered)
    }

    @Test func oneChangedTextNode() throws {
        let forged = try Reports.forge(signed) {
            $0.replacingOccurrences(of: "<district>Jinjiang</district>", with: "<district>Wuhou</district>")
        }
        #expect(problem(forged) == .altered)
    }

    @Test func aMovedFinding() throws {
        let forged = try Reports.forge(signed) { r in
            // Swap the first two findings.
            let findings = r.components(separatedBy: "\n<finding ")
            guard findings.count > 3 else { return r }
            var parts = findings
            parts.swapAt(1, 2)
            // The last finding carries the closing </findings>; keep the pieces' own endings.
            return parts.joined(separator: "\n<finding ")
        }
        #expect(problem(forged) == .altered)
    }

    @Test func aRemovedSignatureIsUnsigned() throws {
        #expect(verifier.check(Array(try Reports.split(signed).report.utf8)) == .unsigned)
    }

    @Test func aKeyTheTrustFileDoesNotList() throws {
        let other = try KeyPair("other")
        let strangers = ReportVerifier(trust: try other.trust(name: "Someone Else"))
        guard case .rejected(.unknownSigner, let detail) = strangers.check(Array(signed.utf8)) else {
            Issue.record("a stranger's key was accepted")
            return
        }
        #expect(detail.contains(String(try keys.signer().key.keyID.prefix(16))))
    }

    @Test func anExpiredAndANotYetValidSigner() throws {
        // The fixture report was generated on 2020-12-10.
        let expired = ReportVerifier(trust: try keys.trust(from: "2019-01-01", to: "2020-12-09"))
        let early = ReportVerifier(trust: try keys.trust(from: "2020-12-11", to: "2030-12-31"))
        let lastDay = ReportVerifier(trust: try keys.trust(from: "2019-01-01", to: "2020-12-10"))
        guard case .rejected(.outsideValidity, _) = expired.check(Array(signed.utf8)),
            case .rejected(.outsideValidity, _) = early.check(Array(signed.utf8))
        else {
            Issue.record("a signature outside the key's validity was accepted")
            return
        }
        guard case .valid = lastDay.check(Array(signed.utf8)) else {
            Issue.record("a signature on the last valid day was refused")
            return
        }
    }

    @Test func aRevokedSigner() throws {
        let revokedBefore = ReportVerifier(trust: try keys.trust(revoked: "2020-06-01"))
        let revokedThatDay = ReportVerifier(trust: try keys.trust(revoked: "2020-12-10"))
        let revokedLater = ReportVerifier(trust: try keys.trust(revoked: "2025-06-01"))
        guard case .rejected(.revoked, _) = revokedBefore.check(Array(signed.utf8)),
            case .rejected(.revoked, _) = revokedThatDay.check(Array(signed.utf8))
        else {
            Issue.record("a signature made after revocation was accepted")
            return
        }
        // Revoking a key later does not undo the reports it signed while it was good.
        guard case .valid = revokedLater.check(Array(signed.utf8)) else {
            Issue.record("a signature from before the revocation was refused")
            return
        }
    }

    @Test func aValidSignatureCopiedOntoAnotherReport() throws {
        let (_, signature) = try Reports.split(signed)
        let other = try Reports.insert(signature, into: try Reports.xml("clean"))
        #expect(problem(other) == .otherReport)
    }

    @Test func aChangedSignatureValue() throws {
        let value = try #require(signed.range(of: "<ds:SignatureValue>"))
        var bytes = Array(signed.utf8)
        let at = signed.utf8.distance(from: signed.utf8.startIndex, to: value.upperBound.samePosition(in: signed.utf8)!) + 4
        bytes[at] = bytes[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(problem(String(decoding: bytes, as: UTF8.self)) == .badSignature)
    }

    @Test func aSignatureOverPartOfTheReportIsMalformed() throws {
        // A reference to an element rather than the whole report would let the rest change.
        let partial = signed.replacingOccurrences(of: "URI=\"\"", with: "URI=\"#summary\"")
        #expect(problem(partial) == .malformed)
        let twice = try Reports.insert(try Reports.split(signed).signature, into: signed)
        #expect(problem(twice) == .malformed)
    }
}

@Suite struct KeyFileTests {
    @Test func aPrivateKeyOthersCanReadIsRefused() throws {
        let keys = try KeyPair()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keys.privatePath)
        let pem = try String(contentsOfFile: keys.privatePath, encoding: .utf8)
        do {
            _ = try SigningKey.read(path: keys.privatePath)
            Issue.record("a world-readable private key was used")
        } catch {
            #expect(error.message.contains("mode 644"))
            #expect(error.message.contains("chmod 600"))
            // No line of the key appears in the message.
            for line in pem.split(separator: "\n") where !line.hasPrefix("-----") {
                #expect(!error.message.contains(line))
            }
        }
    }

    @Test func aPublicKeyCannotSign() throws {
        let keys = try KeyPair()
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keys.publicPath)
        #expect(throws: SignatureError.self) { try SigningKey.read(path: keys.publicPath) }
    }

    @Test func theKeyIDIsTheSameFromEitherHalf() throws {
        let keys = try KeyPair()
        let fromPrivate = try SigningKey.read(path: keys.privatePath).keyID
        let fromPublic = try #require(PublicKey(pem: Array(try String(contentsOfFile: keys.publicPath, encoding: .utf8).utf8)))
        #expect(fromPrivate == fromPublic.keyID)
    }
}

@Suite struct TrustFileTests {
    func diagnostics(_ yaml: String, in folder: String = NSTemporaryDirectory()) -> [String] {
        TrustFile.read(bytes: Array(yaml.utf8), path: folder + "/trust.yaml").diagnostics.map(\.description)
    }

    @Test func unknownKeysAndBadValuesAreLocatedErrors() throws {
        let keys = try KeyPair()
        let messages = diagnostics(
            """
            signers:
              - name: Inspector Li
                organisation: Jinjiang
                public_key_file: inspector.pub.pem
                valid_from: 2020-13-01
                valid_to: 2030-12-31
            """, in: keys.folder)
        #expect(messages.contains { $0.contains("trust.yaml:3:5: error:") && $0.contains("organization") }, "\(messages)")
        #expect(messages.contains { $0.contains("trust.yaml:5:") && $0.contains("error:") })
    }

    @Test func aPrivateKeyInATrustFileIsRefused() throws {
        let keys = try KeyPair()
        let messages = diagnostics(
            """
            signers:
              - name: Inspector Li
                organization: Jinjiang Market Supervision Bureau
                public_key_file: inspector.pem
                valid_from: 2020-01-01
                valid_to: 2030-12-31
            """, in: keys.folder)
        #expect(messages.contains { $0.contains("trust.yaml:4:22: error:") && $0.contains("private key") })
    }

    @Test func oneKeyPerSignerAndPeriodsInOrder() throws {
        let keys = try KeyPair()
        let pem = try String(contentsOfFile: keys.publicPath, encoding: .utf8)
        let indented = pem.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        let messages = diagnostics(
            """
            signers:
              - name: Inspector Li
                organization: Jinjiang Market Supervision Bureau
                public_key_file: inspector.pub.pem
                public_key: |
            \(indented)
                valid_from: 2020-01-01
                valid_to: 2019-12-31
              - name: Inspector Wang
                organization: Jinjiang Market Supervision Bureau
                valid_from: 2020-01-01
                valid_to: 2030-12-31
            """, in: keys.folder)
        #expect(messages.contains { $0.contains("not both") })
        #expect(messages.contains { $0.contains("before valid_from") })
        #expect(messages.contains { $0.contains("needs public_key_file or public_key") })
    }

    @Test func aMissingKeyFileIsNamed() throws {
        let messages = diagnostics(
            """
            signers:
              - name: Inspector Li
                organization: Jinjiang Market Supervision Bureau
                public_key_file: nowhere.pub.pem
                valid_from: 2020-01-01
                valid_to: 2030-12-31
            """)
        #expect(messages.contains { $0.contains(":4:22: error:") && $0.contains("nowhere.pub.pem") })
    }
}
