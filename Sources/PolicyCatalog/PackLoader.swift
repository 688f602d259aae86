import AuditBasics
import AuditResults
import Conditions
import VenueModel
import YAMLReader

/// Reads one pack file into a `Pack`, compiling every condition. Everything wrong is collected
/// as a diagnostic with the pack's file:line:column (and, for a condition, the column inside
/// the expression mapped into the file).
struct PackLoader {
    let legal: LegalRegistry
    let functions: FunctionLibrary
    let source: SourceText
    var diagnostics: [Diagnostic] = []
    /// The variables a condition may read, by rule scope; the same for every rule of one pack
    /// (its parameters do not change), so built once per scope.
    private var variablesByScope: [RuleScope: [String: ConditionType]] = [:]

    /// `^[A-Z]{2,}(-[A-Z0-9.]+)+$`, checked by hand (a Regex is not Sendable, so it cannot be a static).
    /// Read byte by byte: every character allowed is ASCII.
    static func isValidRuleID(_ id: String) -> Bool {
        var part = 0
        var length = 0
        for b in id.utf8 {
            if b == UInt8(ascii: "-") {
                if length < (part == 0 ? 2 : 1) { return false }
                part += 1
                length = 0
            } else if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
                || (part > 0 && ((UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".")))
            {
                length += 1
            } else {
                return false
            }
        }
        return part >= 1 && length >= 1
    }

    init(legal: LegalRegistry, functions: FunctionLibrary, source: SourceText) {
        self.legal = legal
        self.functions = functions
        self.source = source
    }

    mutating func load(_ root: YAMLNode) -> Pack? {
        variablesByScope = [:]
        var r = NodeReader(root, what: "the pack")
        let id = r.string("pack", required: true)
        let version = r.string("version", required: true)
        // `force:` says what the pack's rules are in law; the older `kind: law | practice` is
        // still read (law as a statute, practice as good practice). One of them is required.
        let forceNode = r.scalar("force")
        let kindNode = r.scalar("kind")
        var packForce: Force?
        if let forceNode {
            packForce = Force(rawValue: forceNode.value)
            if packForce == nil {
                diagnostics.append(
                    .error(
                        "policy-value",
                        "'force' of the pack must be one of \(Force.allCases.map(\.rawValue).joined(separator: ", ")), not '\(forceNode.value)'",
                        at: forceNode.location))
            }
            if let kindNode {
                diagnostics.append(.error("policy-value", "give 'force' or the older 'kind', not both", at: kindNode.location))
            }
        } else if let kindNode {
            switch kindNode.value {
            case "law": packForce = .statute
            case "practice": packForce = .goodPractice
            default:
                diagnostics.append(
                    .error(
                        "policy-value", "'kind' of the pack must be one of law, practice, not '\(kindNode.value)'", at: kindNode.location))
            }
        } else {
            r.missing("force")
        }
        let kind = packForce?.rawValue
        let title = r.localized("title")
        _ = r.raw("description")
        var params: [PackParameter] = []
        for (name, value) in r.pairs("params") {
            var p = NodeReader(value, what: "param '\(name.value)'")
            if let raw = p.raw("default"), let fact = Self.literalFact(raw) {
                params.append(PackParameter(name: name.value, defaultValue: fact, doc: p.string("doc") ?? ""))
            } else {
                p.missing("default")
            }
            p.finish()
            diagnostics += p.diagnostics
        }
        var rules: [Rule] = []
        if let packID = id {
            for node in r.list("rules", required: true) ?? [] {
                if let rule = loadRule(node, packID: packID, params: params, packForce: packForce ?? .statute) {
                    rules.append(rule)
                }
            }
        }
        r.finish()
        diagnostics += r.diagnostics
        guard let id, let version, let kind, let title else { return nil }
        return Pack(id: id, version: version, kind: kind, title: title, params: params, rules: rules, file: source.path)
    }

    /// A YAML scalar or list as a fact (params and example overrides): ints, doubles, bools,
    /// dates and strings, typed as a plain scalar would be.
    static func literalFact(_ node: YAMLNode) -> Fact? {
        switch node {
        case .scalar(let s):
            let plain = s.style == .plain
            if plain, let i = Int(s.value) { return Fact(.int(i), at: s.location) }
            if plain, let d = Double(s.value) { return Fact(.double(d), at: s.location) }
            if plain, s.value == "true" || s.value == "false" { return Fact(.bool(s.value == "true"), at: s.location) }
            if plain, let date = CivilDate(iso: s.value) { return Fact(.date(date), at: s.location) }
            if s.isNull { return Fact(.null, at: s.location) }
            return Fact(.string(s.value), at: s.location)
        case .sequence(let items, let location):
            return Fact(.list(items.compactMap(literalFact)), at: location)
        case .mapping(let pairs, let location):
            return Fact(
                .map(
                    pairs.compactMap { pair in
                        guard case .scalar(let k) = pair.key, let v = literalFact(pair.value) else { return nil }
                        return FactEntry(key: k.value, keyLocation: k.location, value: v)
                    }), at: location)
        }
    }

    static func type(of fact: Fact) -> ConditionType {
        switch fact.value {
        case .int: .int
        case .double: .double
        case .bool: .bool
        case .string: .string
        case .date: .date
        case .list: .list(.dyn)
        default: .dyn
        }
    }

    private mutating func loadRule(_ node: YAMLNode, packID: String, params: [PackParameter], packForce: Force) -> Rule? {
        var r = NodeReader(node, what: "a rule of pack '\(packID)'")
        let idScalar = r.scalar("id", required: true)
        let id = idScalar?.value ?? "?"
        r.what = "rule \(id)"
        if let idScalar, !Self.isValidRuleID(id) {
            diagnostics.append(
                .error(
                    "policy-rule-id", "rule id '\(id)' must look like CN-PIPL-19-RETENTION (capitals, digits, dots, dashes)",
                    at: idScalar.location))
        }
        let status = r.oneOf("status", ["preview", "stable", "deprecated"]) ?? "stable"
        let since = r.string("since")
        let severity = r.oneOf("severity", Severity.allCases.map(\.rawValue), required: true).flatMap(Severity.init(rawValue:))
        let scope = r.oneOf("scope", RuleScope.allCases.map(\.rawValue), required: true).flatMap(RuleScope.init(rawValue:))
        let from = r.date("effective_from")
        let fromBy = r.date("effective_from_by")
        let to = r.date("effective_to")
        if let fromBy, from == nil || fromBy < from! {
            diagnostics.append(
                .error(
                    "policy-value", "'effective_from_by' needs an 'effective_from' on or before it",
                    at: r.raw("effective_from_by")?.location))
        }
        if let from, let to, to < from {
            diagnostics.append(.error("policy-value", "'effective_to' is before 'effective_from'", at: r.raw("effective_to")?.location))
        }
        let forceNode = r.scalar("force")
        var force = packForce
        if let forceNode {
            if let f = Force(rawValue: forceNode.value) {
                force = f
            } else {
                diagnostics.append(
                    .error(
                        "policy-value",
                        "'force' of rule \(id) must be one of \(Force.allCases.map(\.rawValue).joined(separator: ", ")), not '\(forceNode.value)'",
                        at: forceNode.location))
            }
        }
        let isPractice = force == .goodPractice
        var purposes: [String]?
        if let node = r.raw("purposes") {
            let items = r.stringList("purposes")
            if items.isEmpty {
                diagnostics.append(.error("policy-value", "'purposes' must be a non-empty list of purposes", at: node.location))
            }
            for item in items where !Vocabulary.purposes.contains(item.value) {
                diagnostics.append(
                    .error(
                        "policy-value",
                        "'\(item.value)' is not a purpose (\(Vocabulary.purposes.joined(separator: ", ")))", at: item.location))
            }
            if scope != nil && scope != .collectionPoints {
                diagnostics.append(
                    .error("policy-value", "'purposes' is only for rules of scope collection_points", at: node.location))
            }
            purposes = items.map(\.value)
        }
        let jurisdictions = readJurisdictions(&r)
        let title = r.localized("title")
        let expects = r.localized("expects", required: false)
        let rationale = r.localized("rationale")
        let message = r.localized("message")
        let remediation = r.localized("remediation")
        _ = r.raw("notes")

        var citations: [Citation] = []
        let citationNodes = r.stringList("citations")
        // Law rules cite their provisions; good-practice rules may have nothing to cite.
        if citationNodes.isEmpty && !isPractice { r.missing("citations") }
        var strongest: Force?
        for c in citationNodes {
            if let citation = legal.citation(c.value) {
                citations.append(citation)
                if let f = citation.force, strongest.map({ f > $0 }) ?? true { strongest = f }
            } else {
                var notes: [String] = []
                if let guess = Suggestions.closest(to: c.value, in: legal.keys) { notes.append("did you mean '\(guess)'?") }
                diagnostics.append(
                    .error(
                        "policy-citation", "citation '\(c.value)' resolves to nothing in legal-sources.yaml", at: c.location, notes: notes))
            }
        }

        // A rule claims no more force than the strongest instrument it cites: guidance read as
        // law is the mistake this prevents. Good-practice rules may cite anything.
        if let strongest, force > strongest, force != .goodPractice {
            diagnostics.append(
                .error(
                    "policy-force",
                    "rule \(id) has the force \(force.rawValue), but the strongest instrument it cites has the force \(strongest.rawValue)",
                    at: forceNode?.location ?? idScalar?.location ?? node.location,
                    notes: ["set the rule's 'force' to what its sources are, or cite the instrument that binds"]))
        }

        // Conditions: variables first, then evidence (whose types the requirement may use).
        let ruleScope = scope ?? .venue
        if variablesByScope[ruleScope] == nil { variablesByScope[ruleScope] = Self.variables(scope: ruleScope, params: params) }
        var variables = variablesByScope[ruleScope] ?? [:]
        var evidence: [(String, CompiledCondition)] = []
        var evidenceTypes: [String: ConditionType] = [:]
        for (name, value) in r.pairs("evidence") {
            if let compiled = compile(value, variables: variables, expecting: nil, rule: id) {
                evidence.append((name.value, compiled))
                evidenceTypes[name.value] = compiled.resultType
            }
        }
        variables["evidence"] = .object("evidence", evidenceTypes)
        var appliesIf: CompiledCondition?
        if let node = r.raw("applies_if") {
            appliesIf = compile(node, variables: variables, expecting: .bool, rule: id)
        }
        let requireNode = r.raw("require")
        if requireNode == nil { r.missing("require") }
        let require = requireNode.flatMap { compile($0, variables: variables, expecting: .bool, rule: id) }

        // Placeholders in messages must name evidence, params or the target id.
        let allowed = Set(evidenceTypes.keys).union(params.map { "params.\($0.name)" }).union(["target.id"])
        for language in Language.allCases {
            guard let text = message?[language] else { continue }
            for name in MessagePlaceholders.names(in: text) where !allowed.contains(name) {
                diagnostics.append(
                    .error(
                        "policy-placeholder",
                        "placeholder '{\(name)}' in the \(language.rawValue) message of \(id) names no evidence or param",
                        at: r.raw("message")?.location ?? r.location))
            }
        }

        // The expectation is the same for every finding of the rule, so it may name params only.
        let paramNames = Set(params.map { "params.\($0.name)" })
        for language in Language.allCases {
            guard let text = expects?[language] else { continue }
            for name in MessagePlaceholders.names(in: text) where !paramNames.contains(name) {
                diagnostics.append(
                    .error(
                        "policy-placeholder",
                        "placeholder '{\(name)}' in the \(language.rawValue) expects of \(id) names no param of the pack",
                        at: r.raw("expects")?.location ?? r.location))
            }
        }

        var examples: [RuleExample] = []
        for example in r.list("examples") ?? [] {
            if let e = loadExample(example, rule: id, hasJurisdictions: jurisdictions != nil) { examples.append(e) }
        }
        r.finish()
        diagnostics += r.diagnostics
        guard let severity, let scope, let title, let rationale, let message, let remediation, let require else { return nil }
        return Rule(
            id: id, packID: packID, status: status, since: since, severity: severity, scope: scope, effectiveFrom: from,
            effectiveFromBy: fromBy, effectiveTo: to, purposes: purposes, force: force, jurisdictions: jurisdictions, appliesIf: appliesIf,
            evidence: evidence, require: require, title: title,
            expects: expects, rationale: rationale,
            message: message, remediation: remediation, citations: citations, examples: examples, isPractice: isPractice,
            location: idScalar?.location ?? node.location)
    }

    /// The rule's `jurisdictions:`, nil when absent. Present, it must be a non-empty list of
    /// well-formed codes, each once; anything else is an error at the offending node.
    private mutating func readJurisdictions(_ r: inout NodeReader) -> [String]? {
        let key = "jurisdictions"
        // `raw` reads an explicit null as absent; here that is a mistake, not "every jurisdiction".
        guard let written = r.node[key] else { return nil }
        let shape = "'\(key)' of \(r.what) must be a non-empty list of jurisdiction codes such as [GB-ENG]"
        guard case .sequence(let items, _) = r.raw(key) ?? written, !items.isEmpty else {
            diagnostics.append(.error("policy-type", shape, at: written.location))
            return []
        }
        var codes: [String] = []
        for item in items {
            guard case .scalar(let s) = item else {
                diagnostics.append(.error("policy-type", "\(shape), not a list holding a \(item.kindName)", at: item.location))
                continue
            }
            if !Jurisdiction.isWellFormed(s.value) {
                diagnostics.append(
                    .error(
                        "policy-value",
                        "'\(s.value)' in '\(key)' of \(r.what) is not a jurisdiction code: two capital letters, then '-' parts of one to three capitals or digits (GB, GB-ENG, AU-NSW)",
                        at: s.location))
            } else if codes.contains(s.value) {
                diagnostics.append(.error("policy-duplicate", "'\(s.value)' is listed twice in '\(key)' of \(r.what)", at: s.location))
            } else {
                codes.append(s.value)
            }
        }
        return codes
    }

    private mutating func loadExample(_ node: YAMLNode, rule: String, hasJurisdictions: Bool) -> RuleExample? {
        var r = NodeReader(node, what: "an example of \(rule)")
        let name = r.string("name", required: true) ?? "?"
        var expected: RuleExample.Expectation?
        var at: YAMLScalar?
        if let expect = r.raw("expect") {
            switch expect {
            case .scalar(let s):
                expected = expectation(s, hasJurisdictions: hasJurisdictions, rule: rule)
            case .mapping:
                var e = NodeReader(expect, what: "expect of example '\(name)'")
                if let s = e.scalar("state", required: true) {
                    expected = expectation(s, hasJurisdictions: hasJurisdictions, rule: rule)
                }
                at = e.scalar("at")
                e.finish()
                diagnostics += e.diagnostics
            default:
                diagnostics.append(.error("policy-type", "expect must be a state or a map", at: expect.location))
            }
        } else {
            r.missing("expect")
        }
        let givenScalar = r.scalar("given", required: true)
        let asOf = r.date("as_of")
        var params: [String: Fact] = [:]
        for (key, value) in r.pairs("params") { params[key.value] = Self.literalFact(value) }
        let documented = r.raw("doc").map { if case .scalar(let s) = $0 { return s.value != "false" } else { return true } } ?? true
        r.finish()
        diagnostics += r.diagnostics
        if expected == .outOfScope, let at {
            diagnostics.append(
                .error(
                    "policy-value", "an out_of_scope example expects no finding, so it has nothing to point at; drop 'at'", at: at.location)
            )
        }
        guard let expected, let givenScalar else { return nil }
        let blockStyle = givenScalar.style == .literal || givenScalar.style == .folded
        return RuleExample(
            name: name, expected: expected, at: at?.value, given: givenScalar.value,
            givenLine: givenScalar.location.line + (blockStyle ? 1 : 0), asOf: asOf, params: params,
            documented: documented, location: node.location)
    }

    /// What `expect:` (or its `state:`) asks for; nil, with an error, when it is not one of
    /// the states or `out_of_scope`, or is `out_of_scope` for a rule every jurisdiction runs.
    private mutating func expectation(_ s: YAMLScalar, hasJurisdictions: Bool, rule: String) -> RuleExample.Expectation? {
        if s.value == "out_of_scope" {
            guard hasJurisdictions else {
                diagnostics.append(
                    .error(
                        "policy-value",
                        "out_of_scope needs the rule to list 'jurisdictions'; \(rule) runs in every jurisdiction of its profiles",
                        at: s.location))
                return nil
            }
            return .outOfScope
        }
        if let state = FindingState(rawValue: s.value) { return .state(state) }
        diagnostics.append(
            .error(
                "policy-value", "expected state must be one of pass, fail, unknown, not_applicable, out_of_scope, not '\(s.value)'",
                at: s.location))
        return nil
    }

    /// Compiles one expression, mapping errors to the pack file.
    private mutating func compile(
        _ node: YAMLNode, variables: [String: ConditionType], expecting: ConditionType?, rule: String
    ) -> CompiledCondition? {
        guard case .scalar(let s) = node else {
            diagnostics.append(.error("policy-type", "a condition of \(rule) must be text, not a \(node.kindName)", at: node.location))
            return nil
        }
        do throws(ConditionError) {
            return try ConditionCompiler(variables: variables, functions: functions).compile(s.value, expecting: expecting)
        } catch {
            diagnostics += error.diagnostics { line, column in self.fileLocation(of: s, line: line, column: column) }
            return nil
        }
    }

    /// Where line:column of an expression lies in the pack file.
    private func fileLocation(of s: YAMLScalar, line: Int, column: Int) -> FileLocation {
        switch s.style {
        case .plain:
            return line == 1
                ? FileLocation(file: s.location.file, line: s.location.line, column: s.location.column + column - 1)
                : FileLocation(file: s.location.file, line: s.location.line + line - 1, column: column)
        case .singleQuoted, .doubleQuoted:
            return line == 1
                ? FileLocation(file: s.location.file, line: s.location.line, column: s.location.column + column)
                : FileLocation(file: s.location.file, line: s.location.line + line - 1, column: column)
        case .literal, .folded:
            // The text starts on the line after the indicator, indented like its first line.
            let first = s.location.line + 1
            let indent = source.line(first).map { $0.prefix { $0 == " " }.count } ?? 0
            return FileLocation(file: s.location.file, line: first + line - 1, column: indent + column)
        }
    }

    /// The variables a condition of a rule with this scope may read.
    static func variables(scope: RuleScope, params: [PackParameter]) -> [String: ConditionType] {
        func shape(_ name: String) -> Shape { VenueSchema.root.field(name)?.shape ?? .string }
        var variables: [String: ConditionType] = [
            "venue": ConditionType(shape("venue")),
            "assessment": ConditionType(shape("assessment")),
            "collection_points": ConditionType(shape("collection_points")),
            "digital_systems": ConditionType(shape("digital_systems")),
            "incidents": ConditionType(shape("incidents")),
            "observations": ConditionType(shape("observations")),
            "waivers": ConditionType(shape("waivers")),
            "as_of": .date,
            "judged_on": .date,
        ]
        let target: Shape
        switch scope {
        case .venue: target = shape("venue")
        case .collectionPoints: target = .object(VenueSchema.collectionPoint)
        case .digitalSystems: target = .object(VenueSchema.digitalSystem)
        case .incidents: target = .object(VenueSchema.incident)
        case .observations: target = .object(VenueSchema.observation)
        }
        variables["target"] = ConditionType(target)
        var paramTypes: [String: ConditionType] = [:]
        for p in params { paramTypes[p.name] = type(of: p.defaultValue) }
        variables["params"] = .object("params", paramTypes)
        return variables
    }
}
