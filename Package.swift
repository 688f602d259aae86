// swift-tools-version:6.0
import Foundation
import PackageDescription

// The targets follow the pipeline described in README.md ("How it works"). Each target declares
// exactly the targets and products it imports, and depends only on targets on lower layers:
//
//   7  venue-audit                      executable, a few lines
//   6  VenueAuditCommands               ArgumentParser commands and the batch frontend
//   5  VenueAuditService                the HTTP service (Hummingbird): the same pipeline, pages, tokens
//   4  AuditEngine                                                       ReportStore (GRDB)  PostgresReportStore (postgres-nio)
//   3  PolicyCatalog                    Reporters                        Aggregation        ReportSignature
//   2  VenueModel                       ReportFormat (swift-crypto)      venue-audit-bench
//   1  YAMLReader      Conditions       AuditResults                     CorpusGenerator    XMLSecShim
//   0  AuditBasics     CYAML            CLibXML2        BundledFiles     CXMLSec
//
// ReportFormat holds what Reporters and Aggregation both need about the report format (XSDs,
// libxml2 writer and validator, digest, JSON, escaping), so neither imports the other.
// BundledFiles' source is generated at build time: its EmbedFiles build-tool plugin runs the
// embed-files executable (Plugins/EmbedFilesTool) over policies/ and schemas/; neither the plugin
// nor the tool is linked into anything. ReportSignature signs and verifies reports through
// XMLSecShim, a few C functions over libxmlsec1 (CXMLSec); Aggregation checks signatures through
// ReportFormat's `ReportSignatureChecking`, which the command line fills with ReportSignature. TestSupport and the test targets sit above the picture.
//
// `make check-imports` (run by CI) builds with SwiftPM's explicit target dependency import
// check: importing a target that is not a dependency, direct or through another, is an error.
// SwiftPM skips that check for every target that has or depends on plugin-generated sources
// (all those built on BundledFiles), so check-imports then runs scripts/check-imports.py, which
// holds every target to exactly its declared imports and to this picture's layers.
let package = Package(
    name: "venue-audit",
    products: [
        .executable(name: "venue-audit", targets: ["venue-audit"]),
        .library(name: "VenueAudit", targets: ["AuditEngine", "Reporters", "ReportFormat", "Aggregation", "ReportSignature"]),
    ],
    dependencies: [
        // The command line: subcommands, help, usage errors.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // SHA-256 of the input file in every report, so a report can be tied to what was audited,
        // and of the report itself (its digest), so a changed report is detected.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // The regulators' report store: SQLite with typed rows, transactions and versioned
        // migrations, so `aggregate` ingests idempotently and re-renders from the store.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The shared report store for many regulators' offices: PostgreSQL's wire protocol,
        // with prepared statements, transactions and SCRAM authentication, on SwiftNIO.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // `venue-audit serve`: the HTTP server, router, cookies and its in-process test client.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // The service's request log (one line per request); Hummingbird logs through it too.
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // XML Signature (XMLDSig) with the OpenSSL back end: the field's library for it.
        .systemLibrary(name: "CXMLSec", pkgConfig: "xmlsec1-openssl", providers: [.apt(["libxmlsec1-dev"])]),
        /** Sign and verify an enveloped signature over a whole report, in C because libxmlsec1's
            algorithm identifiers are macros Swift cannot call. */
        .target(
            name: "XMLSecShim", dependencies: ["CXMLSec"],
            // The defines `pkg-config --cflags xmlsec1-openssl` gives, which SwiftPM does not pass
            // on (it warns "prohibited flag(s)" and keeps only -I): they must match how Debian
            // built libxmlsec1, or its structures are read with the wrong sizes.
            cSettings: [
                .define("XMLSEC_NO_SIZE_T"), .define("XMLSEC_CRYPTO_OPENSSL", to: "1"),
                .define("XMLSEC_NO_CRYPTO_DYNAMIC_LOADING", to: "1"), .define("XMLSEC_NO_GOST", to: "1"),
                .define("XMLSEC_NO_GOST2012", to: "1"), .define("XMLSEC_OPENSSL3_ENGINES", to: "1"),
                .define("__XMLSEC_FUNCTION__", to: "__func__"),
            ]),

        // MARK: Data compiled into the tool
        /** The repository's policies/ and schemas/ files, embedded at build time by the EmbedFiles plugin. */
        .target(name: "BundledFiles", plugins: ["EmbedFiles"]),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .executableTarget(name: "embed-files", path: "Plugins/EmbedFilesTool"),

        // MARK: Foundations
        /** File locations, diagnostics, dates, bilingual text, located fact trees, masking, JSON string
            quoting, "did you mean" suggestions. */
        .target(name: "AuditBasics"),

        // MARK: Input
        /** libyaml events to a node tree; every node knows file:line:column; input limits. */
        .target(name: "YAMLReader", dependencies: ["CYAML", "AuditBasics"]),
        /** Node tree to the venue facts plus diagnostics. Knows the input contract, not the rules. */
        .target(name: "VenueModel", dependencies: ["YAMLReader", "AuditBasics"]),

        // MARK: Policy
        /** The CEL subset: parse, check names and types, evaluate with three-valued logic. */
        .target(name: "Conditions", dependencies: ["AuditBasics"]),
        /** policies/ to a catalogue of packs, rules, profiles and legal sources; message placeholders. */
        .target(
            name: "PolicyCatalog",
            dependencies: ["YAMLReader", "VenueModel", "Conditions", "AuditResults", "AuditBasics", "BundledFiles"]),

        // MARK: Evaluation
        /** Findings, result states, verdicts. Pure values; no I/O. */
        .target(name: "AuditResults", dependencies: ["AuditBasics"]),
        /** (venue, catalogue, profile, as-of date) to an AuditResult. Never formats text. */
        .target(
            name: "AuditEngine",
            dependencies: ["YAMLReader", "VenueModel", "Conditions", "PolicyCatalog", "AuditResults", "AuditBasics"]),

        // MARK: Output
        /** What Reporters and Aggregation both need about the report format: the report and aggregate
            XSDs, the libxml2 writer and schema validator, the report digest, the JSON writer, markup
            escaping, SARIF levels. */
        .target(
            name: "ReportFormat",
            dependencies: [
                "AuditResults", "AuditBasics", "CLibXML2", "BundledFiles",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /** AuditResult to XML, HTML, SARIF, JUnit, JSON and terminal text. One file per format. */
        .target(
            name: "Reporters",
            dependencies: ["ReportFormat", "AuditResults", "AuditBasics"]
        ),
        /** Signing keys, signed reports, trust files and signature verification (XMLDSig). */
        .target(
            name: "ReportSignature",
            dependencies: [
                "XMLSecShim", "ReportFormat", "VenueModel", "YAMLReader", "AuditBasics",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /** Many XML reports to rollups, dashboard, CSV, JSON and diffs. Reads XML, never YAML. */
        .target(
            name: "Aggregation",
            dependencies: [
                "ReportFormat", "AuditResults", "AuditBasics", "CLibXML2",
            ]
        ),
        /** The report store behind Aggregation's `ReportStore` protocol: SQLite through GRDB. */
        .target(
            name: "ReportStore",
            dependencies: [
                "Aggregation", "ReportFormat", "AuditResults", "AuditBasics", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        /** The shared report store behind `ReportStore` for many offices: PostgreSQL through
            postgres-nio, with the rollups computed as SQL in the database. */
        .target(
            name: "PostgresReportStore",
            dependencies: [
                "Aggregation", "ReportFormat", "AuditResults", "AuditBasics",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        /** A seeded generator of realistic venue descriptions, for tests and benchmarks. */
        .target(name: "CorpusGenerator", dependencies: ["AuditBasics"]),

        // MARK: Service
        /** `venue-audit serve`: the same pipeline over HTTP (audit, report submission, rollups), pages
            for people, tokens and sessions. No rule logic of its own. */
        .target(
            name: "VenueAuditService",
            dependencies: [
                "AuditEngine", "Reporters", "Aggregation", "ReportFormat", "VenueModel", "AuditResults", "AuditBasics",
                "BundledFiles",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Command line
        .target(
            name: "VenueAuditCommands",
            dependencies: [
                "VenueAuditService", "ReportStore", "PostgresReportStore", "AuditEngine", "Reporters", "Aggregation", "ReportSignature",
                "PolicyCatalog",
                "ReportFormat",
                "VenueModel",
                "AuditResults", "CorpusGenerator", "AuditBasics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "venue-audit", dependencies: ["VenueAuditCommands"]),
        /** `make bench`: the release binary over a generated corpus, as ratios to bare libyaml and libxml2 loops. */
        .executableTarget(
            name: "venue-audit-bench", dependencies: ["CorpusGenerator", "YAMLReader", "CYAML", "CLibXML2"],
            path: "Benchmarks/VenueAuditBench"),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["AuditEngine", "PolicyCatalog", "VenueModel", "YAMLReader", "AuditResults", "AuditBasics"],
            path: "Tests/TestSupport"),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader", "AuditBasics"]),
        .testTarget(name: "VenueModelTests", dependencies: ["VenueModel", "YAMLReader", "AuditBasics"]),
        .testTarget(name: "ConditionsTests", dependencies: ["Conditions", "AuditBasics"]),
        .testTarget(
            name: "PolicyCatalogTests",
            dependencies: [
                "AuditEngine", "PolicyCatalog", "VenueModel", "YAMLReader", "AuditResults", "AuditBasics", "TestSupport",
                "Reporters",
            ]),
        .testTarget(
            name: "AuditEngineTests",
            dependencies: ["AuditEngine", "PolicyCatalog", "AuditResults", "AuditBasics", "TestSupport"]),
        .testTarget(
            name: "ReportersTests",
            dependencies: ["Reporters", "ReportFormat", "AuditResults", "AuditBasics", "TestSupport"]),
        .testTarget(name: "CommandTests", dependencies: ["ReportFormat", "TestSupport"]),
        /** The batch frontend's own machinery, tested in-process (the commands are tested through the binary). */
        .testTarget(name: "FrontendTests", dependencies: ["VenueAuditCommands"]),
        .testTarget(
            name: "ReportSignatureTests",
            dependencies: ["ReportSignature", "Reporters", "ReportFormat", "AuditBasics", "TestSupport"]),
        .testTarget(
            name: "ServiceTests",
            dependencies: [
                "VenueAuditService", "ReportStore", "Aggregation", "Reporters", "AuditEngine", "PolicyCatalog", "ReportFormat",
                "AuditBasics", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "AggregationTests",
            dependencies: [
                "ReportStore", "PostgresReportStore", "Aggregation", "Reporters", "ReportFormat", "AuditResults", "AuditBasics",
                "TestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: Fuzzing
// libFuzzer targets, one per reader (Fuzz/README.md), declared only when VENUE_AUDIT_FUZZ names
// the toolchain's libclang_rt.fuzzer_no_main archive, as `make fuzz` does. Each is an ordinary
// executable whose main hands its test function to libFuzzer's driver; the whole build is
// instrumented with AddressSanitizer and libFuzzer's coverage (scripts/fuzz.sh). SwiftPM's own
// --sanitize=fuzzer is not used: it would link libFuzzer's main into the build's tools too.
if let fuzzerRuntime = ProcessInfo.processInfo.environment["VENUE_AUDIT_FUZZ"], !fuzzerRuntime.isEmpty {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/driver"))
    let fuzzTargets: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
        ("fuzz-venue", "venue", ["AuditEngine", "AuditResults", "PolicyCatalog", "Reporters", "VenueModel", "AuditBasics"]),
        ("fuzz-condition", "condition", ["Conditions", "VenueModel", "AuditBasics"]),
        ("fuzz-pack", "pack", ["PolicyCatalog", "BundledFiles", "AuditBasics"]),
        ("fuzz-waiver", "waiver", ["VenueModel", "AuditBasics"]),
        ("fuzz-report", "report", ["Aggregation", "ReportFormat"]),
        ("fuzz-signature", "signature", ["ReportSignature", "ReportFormat"]),
    ]
    for t in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: t.name, dependencies: ["FuzzDriver"] + t.dependencies, path: "Fuzz/\(t.folder)",
                linkerSettings: [.unsafeFlags([fuzzerRuntime, "-lstdc++"])]))
        package.products.append(.executable(name: t.name, targets: [t.name]))
    }
}
