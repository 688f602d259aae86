import AuditBasics
import Foundation
import PolicyCatalog

/// Chooses the rule packs: `--policies DIR`, else `$VENUE_AUDIT_POLICIES`, else the packs built
/// into the tool. No folder is looked for implicitly, so the same binary gives the same verdicts
/// from whatever folder it is run in.
enum PolicyLocator {
    static func files(explicit: String?) -> PolicyFiles {
        if let explicit { return .folder(explicit) }
        if let env = ProcessInfo.processInfo.environment["VENUE_AUDIT_POLICIES"], !env.isEmpty { return .folder(env) }
        return .builtin
    }

    /// The catalogue, or the diagnostics that stopped it loading (printed by the caller).
    static func load(explicit: String?) -> Result<(Catalog, [Diagnostic]), CatalogLoader.Failure> {
        do throws(CatalogLoader.Failure) {
            let (catalog, warnings) = try CatalogLoader.load(files(explicit: explicit))
            return .success((catalog, warnings))
        } catch {
            return .failure(error)
        }
    }
}
