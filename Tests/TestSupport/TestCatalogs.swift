import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import VenueModel
import YAMLReader

/// Catalogues and venues for engine tests.
public enum TestCatalogs {
    /// The small made-up catalogue in Tests/Fixtures/policies (one pack, two profiles).
    public static func fixture() throws -> Catalog {
        try CatalogLoader.load(directory: RepositoryPaths.path("Tests/Fixtures/policies")).catalog
    }

    /// The project's real catalogue in policies/.
    public static func real() throws -> Catalog {
        try CatalogLoader.load(directory: RepositoryPaths.path("policies")).catalog
    }

    /// Decodes a venue from YAML text; fails the test if it is not valid.
    public static func venue(_ text: String, file: String = "venue.yaml") throws -> VenueDescription {
        let docs = try YAMLReader().readAll(text, file: file)
        guard let doc = docs.first else { throw TestFailure("no document") }
        let venue = VenueDecoder.decode(doc, file: file)
        guard venue.isValid else { throw TestFailure("invalid venue: \(venue.diagnostics)") }
        return venue
    }

    /// Audits `text` with `catalog` and `options`.
    public static func audit(_ text: String, catalog: Catalog, options: AuditOptions = AuditOptions()) throws -> AuditResult {
        let v = try venue(text)
        return try AuditEngine(catalog: catalog, options: options).audit(v, source: nil, input: InputInfo(path: "venue.yaml", sha256: ""))
    }
}

/// A test setup problem.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

extension AuditResult {
    /// The findings of one rule, in target order.
    public func findings(_ ruleID: String) -> [Finding] { findings.filter { $0.ruleID == ruleID } }
}
