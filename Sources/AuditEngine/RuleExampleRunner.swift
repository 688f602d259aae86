import AuditBasics
import AuditResults
import PolicyCatalog
import VenueModel
import YAMLReader

/// Runs a rule's examples: each `given` fragment is merged into a minimal venue, the one rule is
/// evaluated with its pack's defaults, and the first finding must have the expected state and
/// point at the expected node; an `out_of_scope` example must give no finding at all. Used by
/// `venue-audit policies test` and by `swift test`.
public struct RuleExampleRunner: Sendable {
    public let catalog: Catalog

    /// The venue every example starts from (see docs/policy-format.md).
    public static let minimalVenue = """
        format: venue-audit/1
        venue: { id: EXAMPLE-0001, name: Example venue, type: shopping_mall, jurisdiction: CN }
        assessment: { kind: inspection, date: 2022-06-01 }
        """

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// What an example gave, and whether that was what it expected.
    public struct Outcome: Sendable {
        public var rule: Rule
        public var example: RuleExample
        public var finding: Finding?
        /// Why the example did not give what it expected; nil when it did.
        public var problem: String?
        public var passed: Bool { problem == nil }
    }

    public func run(_ example: RuleExample, of rule: Rule, removingPath: String? = nil) -> Outcome {
        var outcome = Outcome(rule: rule, example: example, finding: nil, problem: nil)
        let venue: VenueDescription
        switch merged(example, removingPath: removingPath) {
        case .failure(let problem):
            outcome.problem = problem.description
            return outcome
        case .success(let v):
            venue = v
        }
        var options = AuditOptions()
        options.asOf = example.asOf
        options.onlyRules = [rule.id]
        options.failOn = .info
        for (name, value) in example.params { options.params["\(rule.packID).\(name)"] = value }
        let profile = Profile(
            id: "example", version: "0", title: LocalizedText("example"), packs: [rule.packID], params: [:], severity: [:],
            skip: [], file: "")
        var examples = catalog
        examples.profiles = ["example": profile]
        options.profileID = "example"
        let engine = AuditEngine(catalog: examples, options: options)
        let result: AuditResult
        do throws(AuditEngine.Refusal) {
            result = try engine.audit(venue, source: nil, input: InputInfo(path: example.location.file, sha256: ""))
        } catch {
            outcome.problem = "the example could not be audited: \(error.diagnostic.message)"
            return outcome
        }
        let first = result.findings.first(where: { $0.ruleID == rule.id })
        outcome.finding = first
        guard case .state(let expected) = example.expected else {
            // out_of_scope: the venue lies outside the rule's jurisdictions, so no finding.
            if let first {
                outcome.problem = "expected out_of_scope (no finding), got \(first.state.rawValue): \(first.message.en)"
            }
            return outcome
        }
        guard let finding = first else {
            var problem = "the rule gave no finding"
            if let codes = rule.jurisdictions {
                problem += " (venue.jurisdiction \(venue.text("venue.jurisdiction") ?? "?") is outside \(codes.joined(separator: ", ")))"
            }
            outcome.problem = problem
            return outcome
        }
        if finding.state != expected {
            outcome.problem = "expected \(expected.rawValue), got \(finding.state.rawValue): \(finding.message.en)"
        } else if let at = example.at, removingPath == nil {
            guard let node = venue.facts.resolve(path: at) else {
                outcome.problem = "'at: \(at)' names no node of the example"
                return outcome
            }
            if !Self.subtree(of: node, contains: finding.location) {
                outcome.problem =
                    "expected the finding at \(at) (\(node.location.map(String.init(describing:)) ?? "?")), got \(finding.location.map(String.init(describing:)) ?? "no location")"
            }
        }
        return outcome
    }

    /// The example's venue: the minimal venue with `given` merged in, optionally without one node.
    public func merged(_ example: RuleExample, removingPath: String? = nil) -> Result<VenueDescription, ExampleProblem> {
        let file = example.location.file
        do throws(YAMLError) {
            let reader = YAMLReader()
            guard let base = try reader.readAll(Self.minimalVenue, file: "<minimal venue>").first?.root else {
                return .failure(ExampleProblem("the minimal venue did not parse"))
            }
            // Leading newlines make the fragment's line numbers those of the pack file.
            let padded = String(repeating: "\n", count: max(0, example.givenLine - 1)) + example.given
            var root = base
            if let given = try reader.readAll(padded, file: file).first?.root {
                root = Self.merge(base, given)
            }
            if let path = removingPath { root = Self.removing(path, from: root) }
            let venue = VenueDecoder.decode(YAMLDocument(root: root, location: root.location, index: 0), file: file)
            // Errors and unknown fields (typos) spoil an example; a reference to a collection
            // point the fragment does not define does not, fragments being short on purpose.
            let problems = venue.diagnostics.filter { $0.severity == .error || $0.code == "unknown-field" }
            if !problems.isEmpty {
                return .failure(
                    ExampleProblem("the example is not a clean venue description: \(problems.map(\.description).joined(separator: "; "))"))
            }
            return .success(venue)
        } catch {
            return .failure(ExampleProblem("the example's YAML does not parse: \(error.description)"))
        }
    }

    /// Why an example's venue could not be built.
    public struct ExampleProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// Whether `location` is that of `node` or of a node inside it: a finding may point more
    /// precisely than the example's `at` (at the `id_number` element of `fields`).
    static func subtree(of node: Fact, contains location: FileLocation?) -> Bool {
        guard let location else { return false }
        if node.location == location { return true }
        switch node.value {
        case .list(let items): return items.contains { subtree(of: $0, contains: location) }
        case .map(let entries):
            return entries.contains { $0.keyLocation == location || subtree(of: $0.value, contains: location) }
        default: return false
        }
    }

    /// Maps merge key by key; anything else in `overlay` replaces what `base` had.
    static func merge(_ base: YAMLNode, _ overlay: YAMLNode) -> YAMLNode {
        guard case .mapping(var pairs, let location) = base, case .mapping(let extra, _) = overlay else { return overlay }
        for pair in extra {
            guard case .scalar(let key) = pair.key else { continue }
            if let i = pairs.firstIndex(where: { if case .scalar(let k) = $0.key { return k.value == key.value } else { return false } }) {
                pairs[i] = YAMLPair(key: pairs[i].key, value: merge(pairs[i].value, pair.value))
            } else {
                pairs.append(pair)
            }
        }
        return .mapping(pairs, location: location)
    }

    /// The tree without the node at `path` (a `FactPath`); unchanged when the path is absent.
    static func removing(_ path: String, from node: YAMLNode) -> YAMLNode {
        let segments = FactPath.segments(of: path)
        return removing(segments[...], from: node)
    }

    private static func removing(_ segments: ArraySlice<FactPath.Segment>, from node: YAMLNode) -> YAMLNode {
        guard let first = segments.first else { return node }
        let rest = segments.dropFirst()
        switch (first, node) {
        case (.key(let key), .mapping(let pairs, let location)):
            var out: [YAMLPair] = []
            for pair in pairs {
                guard case .scalar(let k) = pair.key, k.value == key else {
                    out.append(pair)
                    continue
                }
                if !rest.isEmpty { out.append(YAMLPair(key: pair.key, value: removing(rest, from: pair.value))) }
            }
            return .mapping(out, location: location)
        case (.element(let selector), .sequence(let items, let location)):
            let index =
                items.firstIndex { if case .scalar(let s)? = $0["id"] { return s.value == selector } else { return false } }
                ?? Int(selector)
            guard let index, items.indices.contains(index) else { return node }
            var copy = items
            if rest.isEmpty { copy.remove(at: index) } else { copy[index] = removing(rest, from: items[index]) }
            return .sequence(copy, location: location)
        default:
            return node
        }
    }
}
