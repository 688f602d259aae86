import Aggregation
import AuditBasics
import AuditEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PolicyCatalog
import ReportFormat
import ReportStore
import Reporters
import TestSupport
import Testing

@testable import VenueAuditService

/// Log lines a test can read back.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        log.append("\(event.message) " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
}

/// A service over the real rule packs and an in-memory store, with one token of each role.
final class TestService: @unchecked Sendable {
    let app: Application<RouterResponder<ServiceContext>>
    let inspector: String
    let regulator: String
    let log: CapturedLog
    let store: SQLiteReportStore

    init(timeout: Duration = .seconds(30)) throws {
        let catalog = try TestCatalogs.real()
        let store = try SQLiteReportStore()
        inspector = AccessToken.makeSecret()
        regulator = AccessToken.makeSecret()
        _ = try store.addToken(hash: AccessToken.hash(inspector), role: .inspector, organization: "Jinjiang Market Supervision Bureau")
        _ = try store.addToken(hash: AccessToken.hash(regulator), role: .regulator, organization: "Sichuan provincial office")
        self.store = store
        let backend = ServiceBackend(
            engine: AuditEngine(catalog: catalog, options: AuditOptions()), reportReader: try ReportReader(toolVersion: "0.0.0-test"),
            store: store, toolVersion: "0.0.0-test", catalogTitles: [:])
        var settings = ServiceSettings()
        settings.requestTimeout = timeout
        let log = CapturedLog()
        self.log = log
        let logger = Logger(label: "test") { _ in CapturingLogHandler(log: log) }
        let router = ServiceApp.router(backend: backend, settings: settings, logger: logger) { id in
            id == "CN-PIPL-19-RETENTION" ? "# CN-PIPL-19-RETENTION\n" : nil
        }
        app = Application(router: router, logger: logger)
    }

    static var chengdu: String {
        get throws { try String(contentsOfFile: RepositoryPaths.path("samples/cn-chengdu-mall-2020.yaml"), encoding: .utf8) }
    }

    /// The XML report of `yaml`, as the service writes it.
    static func report(_ client: some TestClientProtocol, _ yaml: String) async throws -> String {
        try await client.execute(uri: "/api/v1/audit", method: .post, headers: [.accept: "application/xml"], body: ByteBuffer(string: yaml))
        {
            response in
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    static var goodOffice: String {
        get throws { try String(contentsOfFile: RepositoryPaths.path("samples/cn-beijing-office-2020.yaml"), encoding: .utf8) }
    }
}

extension String {
    init(_ buffer: ByteBuffer) { self = String(buffer: buffer) }
}

@Suite("venue-audit serve: the API")
struct ServiceAPITests {
    @Test("POST /api/v1/audit answers JSON by default, with the verdict in a header and personal data masked")
    func auditJSON() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/audit", method: .post, headers: [.contentType: "application/yaml"],
                body: ByteBuffer(string: try TestService.chengdu)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[HTTPFields.Element.Name("Venue-Audit-Verdict")!] == "non_compliant")
                let body = String(response.body)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                #expect((json["summary"] as? [String: Any])?["verdict"] as? String == "non_compliant")
                // The sample quotes a fake ID number and phone number: never shown whole.
                #expect(!body.contains("510104199901010022"))
                #expect(!body.contains("13900001234"))
            }
        }
    }

    @Test(
        "the Accept header chooses the format; one the service cannot give is 406",
        arguments: [
            ("application/xml", "<report ", 200), ("text/html", "<!DOCTYPE html>", 200), ("application/sarif+json", "\"version\"", 200),
            ("text/plain", "== What to do first ==", 200), ("text/html;q=0.5, application/xml", "<report ", 200),
            ("*/*", "\"summary\"", 200),
            ("image/png", "Accept must allow", 406),
        ])
    func accept(accept: String, marker: String, status: Int) async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/audit", method: .post, headers: [.accept: accept], body: ByteBuffer(string: try TestService.chengdu)
            ) { response in
                #expect(response.status.code == status)
                #expect(String(response.body).contains(marker))
            }
        }
    }

    @Test("the XML report the API gives is valid against the report schema, and Chinese with ?lang=zh")
    func xmlValid() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/audit?lang=zh", method: .post, headers: [.accept: "application/xml"],
                body: ByteBuffer(string: try TestService.chengdu)
            ) { response in
                let xml = String(response.body)
                let problems = try XMLSchemaValidator.reportSchema().validate(xml: xml)
                #expect(problems.isEmpty)
                #expect(xml.contains("xml:lang") || xml.contains("lang=\"zh\""))
            }
            try await client.execute(
                uri: "/api/v1/audit?lang=zh", method: .post, headers: [.accept: "text/html"],
                body: ByteBuffer(string: try TestService.chengdu)
            ) { response in
                #expect(String(response.body).contains("不合规"))
            }
        }
    }

    @Test("a description with errors is 422 with line, column, the masked source line and the command line's text; nothing audited")
    func invalid() async throws {
        let service = try TestService()
        let yaml = """
            format: venue-audit/1
            venue: { id: V1, name: Test, type: shopping_mall, jurisdiction: CN-SC }
            assessment: { kind: inspection, date: 2020-12-10 }
            collection_points:
              - { id: book, method: paper_registr, fields: [name, phone], note: "call 13900001234" }
            """
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/audit", method: .post, body: ByteBuffer(string: yaml)) { response in
                #expect(response.status == .unprocessableContent)
                let body = String(response.body)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let error = try #require(json["error"] as? [String: Any])
                let diagnostics = try #require(error["diagnostics"] as? [[String: Any]])
                let first = try #require(diagnostics.first)
                #expect(first["line"] as? Int == 5)
                #expect((first["text"] as? String)?.hasPrefix("description.yaml:5:") == true)
                #expect((first["text"] as? String)?.contains("error:") == true)
                #expect((first["source_line"] as? String)?.contains("paper_registr") == true)
                #expect(!body.contains("13900001234"))
            }
        }
    }

    @Test("an empty body and a body over the limit are refused with a clear answer")
    func sizes() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/audit", method: .post, body: ByteBuffer(string: "")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(response.body).contains("empty"))
            }
            let huge = String(repeating: "# padding\n", count: 110_000)
            try await client.execute(uri: "/api/v1/audit", method: .post, body: ByteBuffer(string: huge)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(response.body).contains("larger than the limit"))
            }
        }
    }

    @Test("reports: no token 401, a regulator's 403, an inspector's stores it once; a tampered report is rejected with its reason")
    func submit() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let xml = try await TestService.report(client, try TestService.goodOffice)
            try await client.execute(uri: "/api/v1/reports", method: .post, body: ByteBuffer(string: xml)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(
                uri: "/api/v1/reports", method: .post, headers: [.authorization: "Bearer va_" + String(repeating: "0", count: 64)],
                body: ByteBuffer(string: xml)
            ) { response in #expect(response.status == .unauthorized) }
            try await client.execute(
                uri: "/api/v1/reports", method: .post, headers: [.authorization: "Bearer \(service.regulator)"],
                body: ByteBuffer(string: xml)
            ) { response in #expect(response.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/reports", method: .post, headers: [.authorization: "Bearer \(service.inspector)"],
                body: ByteBuffer(string: xml)
            ) { response in
                #expect(response.status == .created)
                #expect(String(response.body).contains("\"added\""))
            }
            try await client.execute(
                uri: "/api/v1/reports", method: .post, headers: [.authorization: "Bearer \(service.inspector)"],
                body: ByteBuffer(string: xml)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(response.body).contains("\"duplicate\""))
            }
            let tampered = xml.replacingOccurrences(of: "verdict=\"compliant\"", with: "verdict=\"non_compliant\"")
            #expect(tampered != xml)
            try await client.execute(
                uri: "/api/v1/reports", method: .post, headers: [.authorization: "Bearer \(service.inspector)"],
                body: ByteBuffer(string: tampered)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(response.body).contains("\"reason\": \"tampered\""))
            }
        }
        #expect(try service.store.count() == 1)
    }

    @Test("rollups: no token 401, an inspector's 403, a regulator's reads the store")
    func rollups() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/rollups", method: .get) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/rollups", method: .get, headers: [.authorization: "Bearer \(service.inspector)"]) {
                response in #expect(response.status == .forbidden)
            }
            for yaml in [try TestService.goodOffice, try TestService.chengdu] {
                let xml = try await TestService.report(client, yaml)
                try await client.execute(
                    uri: "/api/v1/reports", method: .post, headers: [.authorization: "Bearer \(service.inspector)"],
                    body: ByteBuffer(string: xml)
                ) { response in #expect(response.status == .created) }
            }
            try await client.execute(uri: "/api/v1/rollups", method: .get, headers: [.authorization: "Bearer \(service.regulator)"]) {
                response in
                #expect(response.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(String(response.body).utf8)) as? [String: Any])
                #expect((json["ingest"] as? [String: Any])?["stored"] as? Int == 2)
                let total = try #require(json["total"] as? [String: Any])
                #expect(total["reports"] as? Int == 2)
                #expect(total["non_compliant"] as? Int == 1)
                #expect(total["compliant"] as? Int == 1)
            }
        }
    }

    @Test("the OpenAPI document is served as kept in schemas/, and every path it names answers")
    func openAPI() async throws {
        let service = try TestService()
        let onDisk = try String(contentsOfFile: RepositoryPaths.path("schemas/openapi.yaml"), encoding: .utf8)
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(response.body) == onDisk)
            }
            let paths = onDisk.split(separator: "\n").filter { $0.hasPrefix("  /") }.map { String($0.dropFirst(2).dropLast()) }
            #expect(paths.count == 5)
            for path in paths {
                let method: HTTPRequest.Method = path.hasPrefix("/api/v1/rollups") || !path.hasPrefix("/api") ? .get : .post
                try await client.execute(uri: path, method: method) { response in #expect(response.status != .notFound, "\(path)") }
            }
        }
    }

    @Test("one log line per request: id, method, path, status, time; never a body, a query or a token")
    func logging() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/audit?lang=en&phone=13900001234", method: .post,
                headers: [.authorization: "Bearer \(service.inspector)"], body: ByteBuffer(string: try TestService.chengdu)
            ) { _ in }
            try await client.execute(uri: "/rules/13900001234.md", method: .get) { response in #expect(response.status == .notFound) }
        }
        let lines = service.log.all.filter { $0.hasPrefix("request ") }
        #expect(lines.count == 2)
        #expect(lines[0].contains("method=POST") && lines[0].contains("path=/api/v1/audit") && lines[0].contains("status=200"))
        #expect(lines[0].contains("id=1") && lines[0].contains("ms="))
        let all = service.log.all.joined(separator: "\n")
        for secret in ["13900001234", "510104199901010022", service.inspector, "Chunxi", "lang=en"] {
            #expect(!all.contains(secret), "the log shows \(secret)")
        }
    }
}

@Suite("venue-audit serve: pages")
struct ServicePageTests {
    /// The CSRF cookie and form field the start page hands out.
    static func csrf(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/", method: .get) { response in
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let value = try #require(cookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
            #expect(String(response.body).contains("name=\"csrf\" value=\"\(value)\""))
            return String(value)
        }
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return ByteBuffer(
            string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(
                separator: "&"))
    }

    @Test("the start page works without JavaScript, in English and Chinese")
    func home() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(response.body)
                #expect(html.contains("<form method=\"post\" action=\"/audit\">"))
                #expect(!html.contains("<script"))
                #expect(html.contains("Check a venue description"))
            }
            try await client.execute(uri: "/?lang=zh", method: .get) { response in
                #expect(String(response.body).contains("检查一份场所描述"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"]) { response in
                #expect(String(response.body).contains("lang=\"zh-CN\""))
            }
        }
    }

    @Test("the form audits with the CSRF cookie and field, and refuses without them")
    func form() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let body = Self.form(["csrf": token, "yaml": try TestService.chengdu, "format": "html", "lang": "en"])
            try await client.execute(
                uri: "/audit", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "va_csrf=\(token)"],
                body: body
            ) { response in
                #expect(response.status == .ok)
                let html = String(response.body)
                #expect(html.contains("Non-compliant"))
                #expect(html.contains("open") || html.contains("unattended"))
                #expect(!html.contains("510104199901010022"))
            }
            // No cookie: a cross-site post cannot carry it.
            try await client.execute(uri: "/audit", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body)
            {
                response in #expect(response.status == .forbidden)
            }
            let wrong = Self.form(["csrf": AccessToken.makeSecret(), "yaml": try TestService.chengdu])
            try await client.execute(uri: "/audit", method: .post, headers: [.cookie: "va_csrf=\(token)"], body: wrong) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("the form shows input errors with line, column and the source line, and offers XML to download")
    func formErrorsAndDownload() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let bad = Self.form(["csrf": token, "yaml": "format: venue-audit/1\nvenue: { id: V, type: shoping_mall }\n"])
            try await client.execute(uri: "/audit", method: .post, headers: [.cookie: "va_csrf=\(token)"], body: bad) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(response.body)
                #expect(html.contains("description.yaml:2:"))
                #expect(html.contains("shoping_mall"))
                #expect(html.contains("^"))
            }
            let xml = Self.form(["csrf": token, "yaml": try TestService.goodOffice, "format": "xml"])
            try await client.execute(uri: "/audit", method: .post, headers: [.cookie: "va_csrf=\(token)"], body: xml) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                #expect(String(response.body).contains("<report "))
            }
        }
    }

    @Test("a regulator signs in with a token, gets an HttpOnly SameSite session cookie, and sees the dashboard; others do not")
    func dashboard() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/dashboard", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/login") == true)
            }
            let token = try await Self.csrf(client)
            try await client.execute(
                uri: "/login", method: .post, headers: [.cookie: "va_csrf=\(token)"],
                body: Self.form(["csrf": token, "token": service.inspector])
            ) { response in #expect(response.status == .unauthorized) }
            let session = try await client.execute(
                uri: "/login", method: .post, headers: [.cookie: "va_csrf=\(token)"],
                body: Self.form(["csrf": token, "token": service.regulator])
            ) { response in
                #expect(response.status == .seeOther)
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.hasPrefix("va_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                #expect(!cookie.contains(service.regulator))
                return String(try #require(cookie.split(separator: ";").first))
            }
            try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: session]) { response in
                #expect(response.status == .ok)
                #expect(String(response.body).contains("<html"))
            }
            try await client.execute(uri: "/dashboard", method: .get, headers: [.authorization: "Bearer \(service.inspector)"]) {
                response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("a rule link in a report leads to the rule's page")
    func rulePage() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/rules/CN-PIPL-19-RETENTION.md", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(response.body).hasPrefix("# CN-PIPL-19-RETENTION"))
            }
        }
    }
}

@Suite("venue-audit serve: time limits")
struct ServiceDeadlineTests {
    final class Answer: Sendable {}

    @Test("a request that takes longer than the limit is answered 503, and logged as such")
    func timeout() async throws {
        let service = try TestService(timeout: .milliseconds(1))
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/audit", method: .post, body: ByteBuffer(string: try TestService.chengdu)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(response.body).contains("longer than the service allows"))
            }
        }
        #expect(service.log.all.contains { $0.contains("status=503") })
    }

    @Test("once the answer is handed over nothing keeps it: the timer does not hold it for the whole limit")
    func answerReleased() async throws {
        weak var kept: Answer?
        do {
            // A long limit: the work waits for a thread of the cooperative pool, which the rest
            // of the suite may keep busy for a while; the release must not wait for the limit.
            let answer = try await Deadline.run(within: .seconds(600)) { Answer() }
            kept = answer
            #expect(kept != nil)
        }
        // Give the cancelled timer task a moment to end.
        for _ in 0..<50 where kept != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(kept == nil)
    }
}
