import Aggregation
import ArgumentParser
import AuditBasics
import AuditEngine
import Foundation
import Logging
import PolicyCatalog
import ReportStore
import VenueAuditService

/// `venue-audit serve`: the audit, report submission and the dashboard over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web service: self-assessment in a browser, an HTTP API, the regulators' dashboard.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise. Anyone may check a description (the \
            page at / or POST /api/v1/audit; nothing is stored); inspectors submit reports and \
            regulators read the dashboard and rollups with tokens made by `venue-audit tokens add`. \
            The store (--db) is the same SQLite file `aggregate` writes. Stop with Ctrl-C.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The SQLite store of reports and tokens (created if missing).")
    var db: String

    @Option(help: "The folder of rule packs (default: the built-in packs).")
    var policies: String?

    @Option(help: "Verify submitted reports' signatures against this YAML trust file.")
    var trust: String?

    @Flag(name: .customLong("require-signature"), help: "Reject unsigned reports (needs --trust).")
    var requireSignature = false

    @Option(name: .customLong("timeout"), help: "Longest a request may take, in seconds.")
    var timeout = 30

    func validate() throws {
        if requireSignature && trust == nil {
            throw ValidationError("--require-signature needs --trust FILE: the signers whose signatures are accepted")
        }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let verifier = try trust.map { try VerifyCommand.verifier(trustFile: $0) }
        let (catalog, _) = try PoliciesCommand.catalog(policies)
        let store: SQLiteReportStore
        do {
            store = try SQLiteReportStore(path: db)
        } catch {
            Console.err("venue-audit: error: cannot open the store \(db): \(error)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        var reader = try ReportReader(toolVersion: VenueAudit.version)
        reader.signatures = verifier
        reader.requireSignature = requireSignature
        var options = AuditOptions()
        options.toolVersion = VenueAudit.version
        let backend = ServiceBackend(
            engine: AuditEngine(catalog: catalog, options: options), reportReader: reader, store: store, toolVersion: VenueAudit.version,
            catalogTitles: Dictionary(catalog.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first }))
        var settings = ServiceSettings()
        settings.host = host
        settings.port = port
        settings.requestTimeout = .seconds(timeout)
        let pages = Dictionary(RuleDocsWriter.pages(catalog).map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "venue-audit.serve")
        Console.err("venue-audit: serving on http://\(host):\(port)/ (store \(db)); Ctrl-C stops")
        do {
            try await ServiceApp.run(backend: backend, settings: settings, logger: logger) { id in pages[id + ".md"] }
        } catch {
            Console.err("venue-audit: error: the service stopped: \(error)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
    }
}

/// `venue-audit tokens add|list|revoke --db FILE`: who may submit reports and read the dashboard.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Make, list and revoke the service's access tokens.",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    static func open(_ db: String) throws -> SQLiteReportStore {
        do {
            return try SQLiteReportStore(path: db)
        } catch {
            Console.err("venue-audit: error: cannot open the store \(db): \(error)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it once; the store keeps only its hash.",
            discussion: "Inspectors' tokens submit reports; regulators' tokens read the dashboard and rollups.")

        @Option(help: "The store the service uses.") var db: String
        @Option(help: "inspector or regulator.") var role: String
        @Option(help: "The holder's organisation, as the dashboard and `tokens list` name it.") var org: String

        func validate() throws {
            guard AccessRole(rawValue: role) != nil else { throw ValidationError("--role must be inspector or regulator") }
            guard !org.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--org must name the organisation") }
        }

        func run() throws {
            let store = try TokensCommand.open(db)
            let secret = AccessToken.makeSecret()
            let record = try store.addToken(
                hash: AccessToken.hash(secret), role: AccessRole(rawValue: role) ?? .inspector, organization: org)
            Console.out(secret)
            Console.err("token \(record.id) for \(record.role.rawValue) of \(org): shown once, above; the store keeps only its hash")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, role, organisation, made, revoked. Never the tokens.")
        @Option(help: "The store the service uses.") var db: String

        func run() throws {
            let store = try TokensCommand.open(db)
            let tokens = try store.tokens()
            if tokens.isEmpty { Console.out("no tokens") }
            for t in tokens {
                Console.out(
                    "\(t.id)  \(t.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(t.organization)  made \(t.createdAt)\(t.revokedAt.map { "  revoked \($0)" } ?? "")"
                )
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by the id `tokens list` shows; it stops working at once.")
        @Option(help: "The store the service uses.") var db: String
        @Argument(help: "The token's id (8 hex digits).") var id: String

        func run() throws {
            let store = try TokensCommand.open(db)
            guard try store.revokeToken(id: id) else {
                Console.err("venue-audit: error: no active token with id \(id)")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            Console.out("revoked \(id)")
        }
    }
}
