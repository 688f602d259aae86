import Foundation
import TestSupport
import Testing

/// Signing as an inspector does it and checking as a regulator does, through the binary, and
/// the same reports checked by the `xmlsec1` command, which knows nothing of venue-audit.
@Suite("keys, audit --sign-key, verify, aggregate --trust")
struct SignatureCommandTests {
    let dir: String
    let keyID: String

    init() throws {
        dir = try temporaryFolder([:])
        let keys = try ToolRunner.run(["keys", "new", "--out", "li"], in: dir)
        #expect(keys.status == 0, "\(keys.stderr)")
        keyID = String(keys.stdoutLines.last?.split(separator: " ").last ?? "")
        try trust(name: "trust.yaml", key: "li.pub.pem")
    }

    func trust(name: String, key: String, to: String = "2099-12-31") throws {
        let yaml = """
            signers:
              - name: Inspector Li
                organization: Jinjiang Market Supervision Bureau
                public_key_file: \(key)
                valid_from: 2020-01-01
                valid_to: \(to)

            """
        try yaml.write(toFile: "\(dir)/\(name)", atomically: false, encoding: .utf8)
    }

    /// Audits the Chengdu mall sample into `folder`, signed with li.pem when `signed`.
    func audit(into folder: String, signed: Bool, formats: String = "xml") throws -> String {
        let run = try ToolRunner.run(
            ["audit", RepositoryPaths.path("samples/cn-chengdu-mall-2020.yaml"), "--out", folder, "--format", formats, "--quiet"]
                + (signed ? ["--sign-key", "li.pem"] : []), in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        return "\(dir)/\(folder)/CN-SC-CD-JJ-000417_2020-12-10.xml"
    }

    @Test("keys new writes a private key only its owner can read, prints its id, and never overwrites")
    func keysNew() throws {
        let privateKey = try FileManager.default.attributesOfItem(atPath: "\(dir)/li.pem")
        #expect((privateKey[.posixPermissions] as? Int) == 0o600)
        #expect(keyID.count == 64)
        let again = try ToolRunner.run(["keys", "new", "--out", "li"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        let id = try ToolRunner.run(["keys", "id", "li.pub.pem"], in: dir)
        #expect(id.stdout == keyID + "\n")
    }

    @Test("a signed report verifies with venue-audit and with xmlsec1 given only the public key")
    func signedReportVerifiesEverywhere() throws {
        let report = try audit(into: "signed", signed: true)
        let verify = try ToolRunner.run(["verify", report, "--trust", "trust.yaml"], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("valid: signed by Inspector Li, Jinjiang Market Supervision Bureau"))
        #expect(try xmlsec1(report).status == 0)

        // A text changed after signing: both refuse it.
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let changed = "\(dir)/changed.xml"
        try text.replacingOccurrences(of: "<district>Jinjiang</district>", with: "<district>Wuhou</district>")
            .write(toFile: changed, atomically: false, encoding: .utf8)
        #expect(try xmlsec1(changed).status != 0)
        let refused = try ToolRunner.run(["verify", changed, "--trust", "trust.yaml"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("not valid: tampered"))
    }

    @Test("verify says unsigned and unknown signers, exit 1; a bad trust file is file:line:column, exit 2")
    func verifyRefusals() throws {
        let unsigned = try audit(into: "plain", signed: false)
        let run = try ToolRunner.run(["verify", unsigned, "--trust", "trust.yaml"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("not valid: unsigned"))

        let other = try ToolRunner.run(["keys", "new", "--out", "wang"], in: dir)
        #expect(other.status == 0)
        try trust(name: "wang.yaml", key: "wang.pub.pem")
        let signed = try audit(into: "signed2", signed: true)
        let stranger = try ToolRunner.run(["verify", signed, "--trust", "wang.yaml"], in: dir)
        #expect(stranger.status == 1)
        #expect(stranger.stdout.contains("not valid: unknown-signer"))

        try "signers:\n  - name: Li\n    organisation: X\n".write(toFile: "\(dir)/bad.yaml", atomically: false, encoding: .utf8)
        let bad = try ToolRunner.run(["verify", signed, "--trust", "bad.yaml"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yaml:3:5: error:"))
    }

    @Test("signing changes the XML report only: SARIF, JSON and HTML are the same")
    func otherFormatsUnchanged() throws {
        _ = try audit(into: "a", signed: true, formats: "xml,html,json,sarif")
        _ = try audit(into: "b", signed: false, formats: "xml,html,json,sarif")
        let stamp = try NSRegularExpression(pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#)
        func read(_ path: String) throws -> String {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return stamp.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "TIME")
        }
        for ending in [".html", ".json", ".sarif"] {
            let name = "CN-SC-CD-JJ-000417_2020-12-10\(ending)"
            #expect(try read("\(dir)/a/\(name)") == (try read("\(dir)/b/\(name)")), "\(name) differs")
        }
        let signedXML = try String(contentsOfFile: "\(dir)/a/CN-SC-CD-JJ-000417_2020-12-10.xml", encoding: .utf8)
        #expect(signedXML.contains("<ds:Signature"))
    }

    @Test("aggregate --trust counts signers; --require-signature rejects the unsigned report by its reason")
    func aggregateWithTrust() throws {
        _ = try audit(into: "reports/signed", signed: true)
        // The same venue audited again by hand, unsigned: a different assessment of the
        // generated sample would be the same one, so use another sample.
        let unsigned = try ToolRunner.run(
            ["audit", RepositoryPaths.path("samples/cn-beijing-office-2020.yaml"), "--out", "reports/plain", "--format", "xml", "--quiet"],
            in: dir)
        #expect(unsigned.status != 2, "\(unsigned.stderr)")

        let trusted = try ToolRunner.run(["aggregate", "reports", "--out", "agg", "--trust", "trust.yaml"], in: dir)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        let dashboard = try String(contentsOfFile: "\(dir)/agg/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("id=\"by-signer\""))
        #expect(dashboard.contains("Inspector Li (Jinjiang Market Supervision Bureau)"))
        #expect(dashboard.contains("no verified signature"))

        let strict = try ToolRunner.run(
            ["aggregate", "reports", "--out", "strict", "--trust", "trust.yaml", "--require-signature"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("error: [report-unsigned]"))
        let xml = try String(contentsOfFile: "\(dir)/strict/aggregate.xml", encoding: .utf8)
        #expect(xml.contains("unsigned=\"1\""))
        #expect(xml.contains("added=\"1\""))

        let needsTrust = try ToolRunner.run(["aggregate", "reports", "--out", "x", "--require-signature"], in: dir)
        #expect(needsTrust.status == 2)
    }

    @Test("a private key others can read is refused, and no line of it is printed")
    func looseKeyRefused() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: "\(dir)/li.pem")
        let run = try ToolRunner.run(
            ["audit", RepositoryPaths.path("samples/cn-chengdu-mall-2020.yaml"), "--out", "loose", "--sign-key", "li.pem"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("readable by others"))
        let pem = try String(contentsOfFile: "\(dir)/li.pem", encoding: .utf8)
        for line in pem.split(separator: "\n") where !line.hasPrefix("-----") {
            #expect(!run.stderr.contains(line) && !run.stdout.contains(line))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/loose/CN-SC-CD-JJ-000417_2020-12-10.xml"))
    }

    func xmlsec1(_ report: String) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmlsec1")
        process.arguments = ["--verify", "--pubkey-pem", "\(dir)/li.pub.pem", report]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, stdout: "", stderr: "")
    }
}
