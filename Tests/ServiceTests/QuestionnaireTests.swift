import AuditBasics
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VenueAuditService

@Suite("venue-audit serve: the questionnaire")
struct QuestionnaireTests {
    /// The seed case as a property manager would answer it: a mall's paper register on an
    /// unattended open table, ID numbers collected, records older than the stated 28 days.
    static let seed: [(String, String)] = [
        ("venue.id", "CN-SC-CD-JJ-000417"), ("venue.name", "Chunxi Road Mall, north entrance"), ("venue.type", "shopping_mall"),
        ("venue.jurisdiction", "CN-SC"), ("assessment.date", "2020-12-10"), ("assessment.emergency_in_force", "true"),
        ("collection_points!n", "1"), ("collection_points.0.id", "north-gate-book"), ("collection_points.0.method", "paper_register"),
        ("collection_points.0.purpose", "epidemic_contact_tracing"), ("collection_points.0.fields", "name"),
        ("collection_points.0.fields", "id_number"), ("collection_points.0.fields", "phone"),
        ("collection_points.0.storage.medium", "paper"), ("collection_points.0.storage.location", "open_table"),
        ("collection_points.0.storage.attended", "never"), ("collection_points.0.storage.locked_when_unattended", "false"),
        ("collection_points.0.retention.policy_days", "28"), ("collection_points.0.retention.oldest_record_date", "2020-09-30"),
        ("incidents!none", "1"),
    ]

    static func body(_ pairs: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return ByteBuffer(string: pairs.map { "\(enc($0.0))=\(enc($0.1))" }.joined(separator: "&"))
    }

    static func csrf(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/assess", method: .get) { response in
            #expect(response.status == .ok)
            let cookie = try #require(response.headers[.setCookie])
            let value = try #require(cookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
            return String(value)
        }
    }

    static func post(
        _ client: some TestClientProtocol, _ token: String, _ pairs: [(String, String)], action: String = "audit", lang: String = "en"
    ) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        try await client.execute(
            uri: "/assess", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "va_csrf=\(token)"],
            body: body([("csrf", token), ("lang", lang), ("action", action)] + pairs)
        ) { response in (response.status, String(buffer: response.body), response.headers) }
    }

    @Test("every question and section of the questionnaire has a Chinese text")
    func translated() {
        #expect(Questionnaire.untranslated == [])
        #expect(Questionnaire.questionKeys.contains("storage.location"))
        #expect(Questionnaire.questionKeys.contains("collection point#item"))
    }

    @Test("the form is generated from the schema, works without JavaScript, and every choice starts at I don't know")
    func form() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/assess?lang=zh", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("<script"))
                #expect(html.contains("name=\"collection_points.0.storage.location\""))
                #expect(html.contains("纸质记录放在哪里？"))
                #expect(html.contains("<option value=\"\">不知道</option><option value=\"open_table\">"))
                // A boolean's "I don't know" is the one checked at first.
                #expect(html.contains("name=\"collection_points.0.storage.locked_when_unattended\" value=\"\" checked"))
                #expect(html.contains("name=\"csrf\""))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("href=\"/assess?lang=en\""))
            }
        }
    }

    @Test("the seed case gives a Non-compliant report with the open-table finding, in English and in Chinese")
    func seedCase() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let (status, html, _) = try await Self.post(client, token, Self.seed)
            #expect(status == .ok)
            #expect(html.contains("Non-compliant"))
            #expect(html.contains("PRACTICE-STORAGE-LOCATION"))
            #expect(html.contains("Register kept on an open table"))
            #expect(html.contains("value=\"yaml\"") && html.contains("value=\"xml\""))
            let (_, zh, _) = try await Self.post(client, token, Self.seed, lang: "zh")
            #expect(zh.contains("不合规"))
            #expect(zh.contains("登记簿放在开放的桌面上"))
        }
        // Nothing of the answers reaches the log, and nothing is stored.
        #expect(!service.log.all.joined().contains("Chunxi"))
        #expect(try service.store.count() == 0)
    }

    @Test("storage answered I don't know leaves it out: the open-table rule is unknown, not passed")
    func unknownStorage() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let answers = Self.seed.filter { !$0.0.contains(".storage.") }
            let (_, yaml, _) = try await Self.post(client, token, answers, action: "yaml")
            #expect(!yaml.contains("storage"))
            try await client.execute(
                uri: "/api/v1/audit", method: .post, headers: [.accept: "application/json"], body: ByteBuffer(string: yaml)
            ) { response in
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let findings = try #require(json["findings"] as? [[String: Any]])
                let location = findings.filter { ($0["rule"] as? String ?? $0["rule_id"] as? String) == "PRACTICE-STORAGE-LOCATION" }
                #expect(!location.isEmpty)
                #expect(location.allSatisfy { $0["state"] as? String == "unknown" })
            }
        }
    }

    @Test("add and remove re-render the form with every answer kept; later items move up")
    func addRemove() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let (_, added, _) = try await Self.post(client, token, Self.seed, action: "add:collection_points")
            #expect(
                added.contains("name=\"collection_points.1.id\" value=\"collection-point-2\"")
                    || added.contains("name=\"collection_points.1.id\""))
            #expect(added.contains("value=\"CN-SC-CD-JJ-000417\""))
            #expect(added.contains("value=\"open_table\" selected"))
            var two = Self.seed.map {
                ($0.0 == "collection_points!n" ? "collection_points!n" : $0.0, $0.0 == "collection_points!n" ? "2" : $0.1)
            }
            two += [("collection_points.1.id", "qr-desk"), ("collection_points.1.method", "venue_qr_form")]
            let (_, removed, _) = try await Self.post(client, token, two, action: "remove:collection_points.0")
            #expect(removed.contains("name=\"collection_points.0.id\" value=\"qr-desk\""))
            #expect(removed.contains("value=\"venue_qr_form\" selected"))
            #expect(!removed.contains("north-gate-book"))
            #expect(!removed.contains("name=\"collection_points.1.id\""))
        }
    }

    @Test("typed text cannot break out of its YAML string; the description downloads and the XML report too")
    func quoting() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let hostile = "Mall \"A\"\n  type: hotel\\ #x: '\u{2028}"
            let answers = Self.seed.map { $0.0 == "venue.name" ? ($0.0, hostile) : $0 }
            let (status, yaml, headers) = try await Self.post(client, token, answers, action: "yaml")
            #expect(status == .ok)
            #expect(headers[.contentDisposition]?.contains("attachment") == true)
            #expect(yaml.contains("type: \"shopping_mall\""))
            #expect(!yaml.contains("\n  type: hotel"))
            let (xmlStatus, xml, _) = try await Self.post(client, token, answers, action: "xml")
            #expect(xmlStatus == .ok)
            #expect(xml.contains("<report "))
            #expect(xml.contains("Mall &quot;A&quot;") || xml.contains("Mall \"A\""))
        }
    }

    @Test("a wrong answer comes back on the form with the reader's message; no CSRF token is 403")
    func errorsAndCSRF() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let token = try await Self.csrf(client)
            let answers = Self.seed.map { $0.0 == "collection_points.0.retention.policy_days" ? ($0.0, "four weeks") : $0 }
            let (status, html, _) = try await Self.post(client, token, answers)
            #expect(status == .unprocessableContent)
            #expect(html.contains("policy_days"))
            #expect(html.contains("value=\"four weeks\""))
            try await client.execute(
                uri: "/assess", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: Self.body(Self.seed)
            ) { response in #expect(response.status == .forbidden) }
        }
    }

    @Test("a known path with a method it does not answer is 405 with Allow; an unknown path 404; the favicon is empty")
    func methods() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/assess", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, POST")
            }
            try await client.execute(uri: "/rules/X.md", method: .post) { response in #expect(response.status == .methodNotAllowed) }
            try await client.execute(uri: "/no-such-page", method: .get) { response in #expect(response.status == .notFound) }
            try await client.execute(uri: "/favicon.ico", method: .get) { response in #expect(response.status == .noContent) }
        }
    }
}
