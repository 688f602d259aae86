import Foundation
import PolicyCatalog
import TestSupport
import Testing

@Suite("docs/policy-coverage.md lists every instrument as the registry has it")
struct PolicyCoverageTableTests {
    @Test("one row per instrument of legal-sources.yaml, with its force, start and end")
    func instrumentTable() throws {
        let catalog = try TestCatalogs.real()
        let doc = try String(contentsOfFile: RepositoryPaths.path("docs/policy-coverage.md"), encoding: .utf8)
        // | name | `key` | jurisdiction | force | start | end | source |
        var rows: [String: [String]] = [:]
        for line in doc.split(separator: "\n") where line.hasPrefix("| ") && line.contains(" | `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8, cells[2].hasPrefix("`"), cells[2].hasSuffix("`") else { continue }
            rows[String(cells[2].dropFirst().dropLast())] = Array(cells[3...6])
        }
        let instruments = catalog.legal.instruments
        #expect(
            Set(rows.keys) == Set(instruments.keys),
            "missing: \(Set(instruments.keys).subtracting(rows.keys)), extra: \(Set(rows.keys).subtracting(instruments.keys))")
        for (key, instrument) in instruments {
            guard let row = rows[key] else { continue }
            #expect(row[0] == (instrument.jurisdiction ?? ""), "\(key)")
            #expect(row[1] == instrument.force?.rawValue, "\(key)")
            #expect(row[2] == (instrument.effectiveFrom?.description ?? "not confirmed"), "\(key)")
            #expect(row[3] == (instrument.effectiveTo?.description ?? "—"), "\(key)")
        }
    }

    @Test("every instrument links to a public page, none to a staging or test site")
    func stableLinks() throws {
        let catalog = try TestCatalogs.real()
        for (key, instrument) in catalog.legal.instruments {
            let urls = [instrument.url].compactMap { $0 } + instrument.provisions.values.compactMap(\.url)
            for url in urls {
                let host = url.split(separator: "/").dropFirst(1).first.map(String.init) ?? ""
                #expect(url.hasPrefix("https://") || url.hasPrefix("http://"), "\(key): \(url)")
                for marker in ["uat.", "staging.", "test.", "dev.", "localhost"] {
                    #expect(!host.hasPrefix(marker) && !host.contains("." + marker), "\(key): \(url)")
                }
            }
        }
    }
}
