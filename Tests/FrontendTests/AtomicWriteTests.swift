import Foundation
import Testing

@testable import VenueAuditCommands

@Suite("Atomic writes")
struct AtomicWriteTests {
    @Test("item 4: a link planted under the old predictable temporary name or the final name is never written through")
    func item4TemporaryFileIsNew() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("venue-audit-atomic-\(UUID().uuidString)")
        let out = root.appendingPathComponent("out")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        let victim = root.appendingPathComponent("victim.txt")
        try Data("keep me".utf8).write(to: victim)
        // The name the writer used to open with O_TRUNC, following links: `.NAME.tmp-PID`.
        try fm.createSymbolicLink(atPath: out.appendingPathComponent(".r.xml.tmp-\(getpid())").path, withDestinationPath: victim.path)
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("r.xml").path, withDestinationPath: victim.path)
        try ReportWriter.atomicWrite(Data("<report/>".utf8), to: out.appendingPathComponent("r.xml"))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
        #expect(try String(contentsOf: out.appendingPathComponent("r.xml"), encoding: .utf8) == "<report/>")
        #expect(!ReportWriter.isSymbolicLink(out.appendingPathComponent("r.xml").path))
        let left = try fm.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") && $0 != ".r.xml.tmp-\(getpid())" }
        #expect(left.isEmpty)
    }
}
