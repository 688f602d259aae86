import Foundation
import PolicyCatalog
import AuditBasics

/// Finds and loads the rule packs: `--policies DIR`, else `$VENUE_AUDIT_POLICIES`, else
/// `./policies`, else a `policies` folder above the executable (a build inside the repository).
enum PolicyLocator {
    static func directory(explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["VENUE_AUDIT_POLICIES"] { return env }
        let fm = FileManager.default
        if fm.fileExists(atPath: "policies/legal-sources.yaml") { return "policies" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("policies")
            if fm.fileExists(atPath: candidate.appendingPathComponent("legal-sources.yaml").path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return "policies"
    }

    /// The catalogue, or the diagnostics that stopped it loading (printed by the caller).
    static func load(explicit: String?) -> Result<(Catalog, [Diagnostic]), CatalogLoader.Failure> {
        do throws(CatalogLoader.Failure) {
            let (catalog, warnings) = try CatalogLoader.load(directory: directory(explicit: explicit))
            return .success((catalog, warnings))
        } catch {
            return .failure(error)
        }
    }
}
