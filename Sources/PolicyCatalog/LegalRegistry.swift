import AuditBasics
import AuditResults
import YAMLReader

/// The instruments and provisions rules may cite, from `policies/legal-sources.yaml`.
public struct LegalRegistry: Sendable {
    public struct Instrument: Sendable {
        public var key: String
        public var name: LocalizedText
        public var jurisdiction: String?
        public var effectiveFrom: CivilDate?
        /// The last day it was in force; nil while it is, or when its end is not confirmed.
        public var effectiveTo: CivilDate?
        /// Its legal force (`force:`).
        public var force: Force?
        public var url: String?
        /// Where the facts were taken from.
        public var source: String
        public var provisions: [String: Provision]
    }

    public struct Provision: Sendable {
        public var key: String
        public var label: String
        public var summary: String?
        public var url: String?
        public var confidence: String?
        public var effectiveFrom: CivilDate?
        public var effectiveTo: CivilDate?
    }

    public var instruments: [String: Instrument] = [:]

    public init() {}

    /// The citation for `instrument#provision`, or nil when either part is unknown.
    public func citation(_ key: String) -> Citation? {
        let parts = key.split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2, let instrument = instruments[parts[0]], let provision = instrument.provisions[parts[1]]
        else { return nil }
        return Citation(
            key: key, instrument: instrument.name, provision: provision.label, url: provision.url ?? instrument.url,
            force: instrument.force, effectiveFrom: provision.effectiveFrom ?? instrument.effectiveFrom,
            effectiveTo: provision.effectiveTo ?? instrument.effectiveTo, jurisdiction: instrument.jurisdiction)
    }

    /// The instrument of a citation key.
    public func instrument(of key: String) -> Instrument? {
        key.split(separator: "#", maxSplits: 1).first.flatMap { instruments[String($0)] }
    }

    /// Every citation key the registry knows, sorted.
    public var keys: [String] {
        instruments.values.flatMap { i in i.provisions.keys.map { "\(i.key)#\($0)" } }.sorted()
    }

    static func load(_ root: YAMLNode) -> (LegalRegistry, [Diagnostic]) {
        var registry = LegalRegistry()
        var top = NodeReader(root, what: "the legal-source registry")
        var diagnostics: [Diagnostic] = []
        for (key, value) in top.pairs("instruments") {
            var r = NodeReader(value, what: "instrument '\(key.value)'")
            let name = r.localized("name")
            let jurisdiction = r.string("jurisdiction")
            let from = r.date("effective_from")
            let to = r.date("effective_to")
            let force = r.oneOf("force", Force.allCases.filter { $0 != .goodPractice }.map(\.rawValue), required: true)
                .flatMap(Force.init(rawValue:))
            let url = r.string("url")
            let source = r.string("source", required: true)
            _ = r.string("notes")
            var provisions: [String: Provision] = [:]
            for (pkey, pvalue) in r.pairs("provisions") {
                var p = NodeReader(pvalue, what: "provision '\(key.value)#\(pkey.value)'")
                let label = p.string("label", required: true)
                let summary = p.string("summary")
                let purl = p.string("url")
                let confidence = p.oneOf("confidence", ["high", "medium", "low"])
                let pfrom = p.date("effective_from")
                let pto = p.date("effective_to")
                _ = p.string("notes")
                p.finish()
                diagnostics += p.diagnostics
                if confidence == "low" {
                    diagnostics.append(
                        .error(
                            "policy-low-confidence", "provision '\(key.value)#\(pkey.value)' is low confidence; check it before encoding",
                            at: pkey.location))
                }
                if let label {
                    provisions[pkey.value] = Provision(
                        key: pkey.value, label: label, summary: summary, url: purl, confidence: confidence, effectiveFrom: pfrom,
                        effectiveTo: pto)
                }
            }
            r.finish()
            diagnostics += r.diagnostics
            if let name, let source {
                registry.instruments[key.value] = Instrument(
                    key: key.value, name: name, jurisdiction: jurisdiction, effectiveFrom: from, effectiveTo: to, force: force, url: url,
                    source: source,
                    provisions: provisions)
            }
        }
        top.finish()
        return (registry, top.diagnostics + diagnostics)
    }
}
