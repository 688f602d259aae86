import AuditBasics
import Foundation
import VenueModel
import YAMLReader

/// Loads `policies/` into a `Catalog`. A catalogue with any error is not returned: a bad pack
/// stops the run (exit 2) rather than running with rules silently missing.
public enum CatalogLoader {
    public struct Failure: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// Loads the folder. Warnings are returned with the catalogue; errors throw.
    public static func load(directory: String) throws(Failure) -> (catalog: Catalog, warnings: [Diagnostic]) {
        try load(.folder(directory))
    }

    /// Loads the rule packs compiled into the tool.
    public static func loadBuiltin() throws(Failure) -> (catalog: Catalog, warnings: [Diagnostic]) {
        try load(.builtin)
    }

    /// Loads a catalogue from its files. Warnings are returned with the catalogue; errors throw.
    public static func load(_ files: PolicyFiles) throws(Failure) -> (catalog: Catalog, warnings: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []

        func document(_ relative: String) -> (YAMLNode, SourceText)? {
            let path = files.displayPath(relative)
            guard let bytes = files.contents(relative) else {
                diagnostics.append(.error("policy-missing-file", "cannot read \(path)", at: FileLocation(file: path, line: 1, column: 1)))
                return nil
            }
            do throws(YAMLError) {
                let docs = try YAMLReader().readAll(bytes, file: path)
                guard let root = docs.first?.root else {
                    diagnostics.append(.error("empty", "\(path) is empty", at: FileLocation(file: path, line: 1, column: 1)))
                    return nil
                }
                return (root, SourceText(path: path, bytes: bytes))
            } catch {
                diagnostics.append(error.diagnostic)
                return nil
            }
        }

        var legal = LegalRegistry()
        if let (root, _) = document("legal-sources.yaml") {
            let (registry, problems) = LegalRegistry.load(root)
            legal = registry
            diagnostics += problems
        }
        var taxonomy = Taxonomy()
        if let (root, _) = document("taxonomy.yaml") {
            let (t, problems) = Taxonomy.load(root, knownFields: Vocabulary.fields)
            taxonomy = t
            diagnostics += problems
            // A dated sensitivity rests on a provision of the registry, like a rule's citation.
            for entry in t.sensitiveDated.values.joined() where legal.citation(entry.source) == nil {
                diagnostics.append(
                    .error(
                        "policy-citation",
                        "the taxonomy's source '\(entry.source)' for \(entry.field) resolves to nothing in legal-sources.yaml",
                        at: root.location))
            }
        }
        let functions = Catalog.functions(for: taxonomy)

        var packs: [Pack] = []
        for path in files.yamlFiles(in: "packs") {
            guard let (root, source) = document(path) else { continue }
            var loader = PackLoader(legal: legal, functions: functions, source: source)
            if let pack = loader.load(root) {
                if packs.contains(where: { $0.id == pack.id }) {
                    loader.diagnostics.append(.error("policy-duplicate", "pack id '\(pack.id)' is used twice", at: root.location))
                }
                packs.append(pack)
            }
            diagnostics += loader.diagnostics
        }
        diagnostics += duplicateRuleIDs(packs)

        var raws: [ProfileLoader.Raw] = []
        for path in files.yamlFiles(in: "profiles") {
            guard let (root, _) = document(path) else { continue }
            let (raw, problems) = ProfileLoader.load(root, file: files.displayPath(path))
            diagnostics += problems
            if let raw { raws.append(raw) }
        }
        let (profiles, problems) = resolveProfiles(raws, packs: packs)
        diagnostics += problems

        if diagnostics.hasErrors { throw Failure(diagnostics: diagnostics) }
        let catalog = Catalog(legal: legal, taxonomy: taxonomy, packs: packs, profiles: profiles, functions: functions)
        // A pack that fails lint (a rule without examples of each kind, texts missing, nothing
        // cited) does not load: what `policies lint` refuses, no audit runs.
        diagnostics += CatalogLint.check(catalog)
        if diagnostics.hasErrors { throw Failure(diagnostics: diagnostics) }
        return (catalog, diagnostics)
    }

    /// Adds an organisation's tailored profile from its own file (`--profile FILE`).
    public static func addProfile(file path: String, to catalog: inout Catalog) throws(Failure) -> Profile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(diagnostics: [
                .error("policy-missing-file", "cannot read \(path)", at: FileLocation(file: path, line: 1, column: 1))
            ])
        }
        let docs: [YAMLDocument]
        do throws(YAMLError) {
            docs = try YAMLReader().readAll([UInt8](data), file: path)
        } catch {
            throw Failure(diagnostics: [error.diagnostic])
        }
        guard let root = docs.first?.root else {
            throw Failure(diagnostics: [.error("empty", "\(path) is empty", at: FileLocation(file: path, line: 1, column: 1))])
        }
        let (raw, problems) = ProfileLoader.load(root, file: path)
        guard let raw, !problems.hasErrors else { throw Failure(diagnostics: problems) }
        var all = Array(
            catalog.profiles.values.map {
                ProfileLoader.Raw(profile: $0, extends: nil, location: FileLocation(file: $0.file, line: 1, column: 1), references: [])
            })
        all.append(raw)
        let (profiles, more) = resolveProfiles(all, packs: catalog.packs)
        guard !more.hasErrors, let profile = profiles[raw.profile.id] else { throw Failure(diagnostics: problems + more) }
        catalog.profiles[profile.id] = profile
        return profile
    }

    private static func duplicateRuleIDs(_ packs: [Pack]) -> [Diagnostic] {
        var seen: [String: FileLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for rule in packs.flatMap(\.rules) {
            if let first = seen[rule.id] {
                diagnostics.append(.error("policy-duplicate", "rule id '\(rule.id)' is already used at \(first)", at: rule.location))
            } else {
                seen[rule.id] = rule.location
            }
        }
        return diagnostics
    }

    private static func resolveProfiles(_ raws: [ProfileLoader.Raw], packs: [Pack]) -> ([String: Profile], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var byID: [String: ProfileLoader.Raw] = [:]
        for raw in raws {
            if byID[raw.profile.id] != nil {
                diagnostics.append(.error("policy-duplicate", "profile id '\(raw.profile.id)' is used twice", at: raw.location))
            }
            byID[raw.profile.id] = raw
        }
        var resolved: [String: Profile] = [:]
        func resolve(_ id: String, chain: [String]) -> Profile? {
            if let done = resolved[id] { return done }
            guard let raw = byID[id] else { return nil }
            var profile = raw.profile
            if let parent = raw.extends {
                guard !chain.contains(parent), let parentProfile = resolve(parent, chain: chain + [id]) else {
                    diagnostics.append(
                        .error("policy-profile", "profile '\(id)' extends '\(parent)', which does not exist or loops", at: raw.location))
                    return nil
                }
                profile = ProfileLoader.resolve(raw, parent: parentProfile)
            }
            resolved[id] = profile
            return profile
        }
        let ruleIDs = Set(packs.flatMap { $0.rules.map(\.id) })
        for raw in raws {
            guard resolve(raw.profile.id, chain: []) != nil else { continue }
            for ref in raw.references {
                switch ref.kind {
                case "pack" where packs.first(where: { $0.id == ref.name }) == nil:
                    diagnostics.append(
                        .error(
                            "policy-reference", "profile '\(raw.profile.id)' names pack '\(ref.name)', which does not exist",
                            at: ref.location))
                case "rule" where !ruleIDs.contains(ref.name):
                    diagnostics.append(
                        .error(
                            "policy-reference", "profile '\(raw.profile.id)' names rule '\(ref.name)', which does not exist",
                            at: ref.location))
                case "param":
                    let parts = ref.name.split(separator: ".", maxSplits: 1).map(String.init)
                    let ok = parts.count == 2 && packs.first { $0.id == parts[0] }?.params.contains { $0.name == parts[1] } == true
                    if !ok {
                        diagnostics.append(
                            .error(
                                "policy-reference", "profile '\(raw.profile.id)' sets '\(ref.name)', which is no pack.param",
                                at: ref.location))
                    }
                default:
                    break
                }
            }
        }
        return (resolved, diagnostics)
    }
}
