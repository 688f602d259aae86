import Aggregation
import AuditBasics
import AuditResults
import Foundation
import Hummingbird
import ReportFormat
import Reporters

/// The handlers. Each reads the request, calls one `ServiceBackend` method and writes the
/// answer; none decides anything about rules.
struct Routes: Sendable {
    let backend: ServiceBackend
    let settings: ServiceSettings
    let sessions: Sessions
    let ruleDoc: @Sendable (String) -> String?

    static let csrfCookie = "va_csrf"
    static let sessionCookie = "va_session"

    // MARK: Pages

    func home(_ request: Request) -> Response {
        let language = Self.language(request)
        let (csrf, cookie) = csrfToken(request)
        var response = Self.respond(.ok, Pages.home(language, csrf: csrf), type: "text/html; charset=utf-8")
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// The form on the start page: a description in, the report (or its errors) out.
    func auditForm(_ request: Request) async throws -> Response {
        let form: [String: String]
        do {
            form = try await Self.formFields(request, limit: settings.maxDescriptionBytes * 4)
        } catch let tooLarge as TooLarge {
            return Self.respond(
                .contentTooLarge, Pages.message(Self.language(request), title: "413", text: tooLarge.message),
                type: "text/html; charset=utf-8")
        }
        let language = form["lang"].flatMap(Language.init(rawValue:)) ?? Self.language(request)
        guard checkCSRF(request, form["csrf"]) else {
            return Self.respond(
                .forbidden, Pages.message(language, title: "403", text: Pages.Words(language).forbidden), type: "text/html; charset=utf-8")
        }
        let yaml = Array((form["yaml"] ?? "").utf8)
        guard yaml.count <= settings.maxDescriptionBytes else {
            return Self.respond(
                .contentTooLarge, Pages.message(language, title: "413", text: Self.tooLargeText(settings.maxDescriptionBytes)),
                type: "text/html; charset=utf-8")
        }
        let format = form["format"] ?? "html"
        let outcome = try await timed { backend.audit(bytes: yaml, name: "description.yaml") }
        switch outcome {
        case .invalid(let shown):
            return Self.respond(.unprocessableContent, Pages.errors(language, shown), type: "text/html; charset=utf-8")
        case .audited(let result):
            let reporter: any Reporter.Type = format == "xml" ? XMLReporter.self : format == "json" ? JSONReporter.self : HTMLReporter.self
            let body = try await timed {
                try backend.render(result, format: reporter, language: language, rulesDocsBase: settings.rulesDocsBase)
            }
            var response = Self.respond(.ok, body, type: Self.contentType(reporter))
            if reporter != HTMLReporter.self {
                response.headers[.contentDisposition] = "attachment; filename=\"venue-audit-report.\(reporter.fileExtension)\""
            }
            return response
        }
    }

    // MARK: The questionnaire

    func assessPage(_ request: Request) -> Response {
        let (csrf, cookie) = csrfToken(request)
        let page = QuestionnairePage(
            language: Self.language(request), answers: Questionnaire.blank(today: Self.today()), csrf: csrf)
        var response = Self.respond(.ok, page.render(), type: "text/html; charset=utf-8")
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// Every button of the questionnaire posts here with all the answers: `add:<list>` and
    /// `remove:<list>.<i>` give the form back one item longer or shorter, `audit` the report,
    /// `yaml` and `xml` the description or the report as a download, `edit` the form again.
    /// Nothing of it is stored, and the log has only the path and the status.
    func assess(_ request: Request) async throws -> Response {
        let pairs: [(String, String)]
        do {
            pairs = try await Self.formPairs(request, limit: settings.maxDescriptionBytes)
        } catch let tooLarge as TooLarge {
            return Self.respond(
                .contentTooLarge, Pages.message(Self.language(request), title: "413", text: tooLarge.message),
                type: "text/html; charset=utf-8")
        }
        var answers = Questionnaire.Answers(pairs: pairs)
        let language = answers.text("lang").flatMap(Language.init(rawValue:)) ?? Self.language(request)
        guard checkCSRF(request, answers.text("csrf")) else {
            return Self.respond(
                .forbidden, Pages.message(language, title: "403", text: Pages.Words(language).forbidden), type: "text/html; charset=utf-8")
        }
        let csrf = answers.text("csrf") ?? ""
        let action = answers.text("action") ?? "audit"
        func form(_ answers: Questionnaire.Answers, errors: [String] = [], status: HTTPResponse.Status = .ok) -> Response {
            Self.respond(
                status, QuestionnairePage(language: language, answers: answers, csrf: csrf).render(errors: errors),
                type: "text/html; charset=utf-8")
        }
        if action.hasPrefix("add:") {
            return form(answers.adding(String(action.dropFirst(4))))
        }
        if action.hasPrefix("remove:") {
            let target = action.dropFirst(7)
            guard let dot = target.lastIndex(of: "."), let index = Int(target[target.index(after: dot)...]) else { return form(answers) }
            answers = answers.removing(String(target[..<dot]), index)
            return form(answers)
        }
        if action == "edit" { return form(answers) }
        let yaml = Questionnaire.yaml(answers)
        if action == "yaml" {
            var response = Self.respond(.ok, yaml, type: "application/yaml; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"venue-description.yaml\""
            return response
        }
        switch try await timed({ backend.audit(bytes: Array(yaml.utf8), name: "self-assessment.yaml") }) {
        case .invalid(let shown):
            return form(answers, errors: shown.map(\.diagnostic.message), status: .unprocessableContent)
        case .audited(let result):
            let reporter: any Reporter.Type = action == "xml" ? XMLReporter.self : HTMLReporter.self
            let body = try await timed {
                try backend.render(result, format: reporter, language: language, rulesDocsBase: settings.rulesDocsBase)
            }
            if reporter == XMLReporter.self {
                var response = Self.respond(.ok, body, type: Self.contentType(reporter))
                response.headers[.contentDisposition] = "attachment; filename=\"venue-audit-report.xml\""
                return response
            }
            let page = QuestionnairePage(language: language, answers: answers, csrf: csrf).result(report: body)
            return Self.respond(.ok, page, type: "text/html; charset=utf-8")
        }
    }

    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    func loginPage(_ request: Request, failed: Bool) -> Response {
        let (csrf, cookie) = csrfToken(request)
        var response = Self.respond(
            failed ? .unauthorized : .ok, Pages.signIn(Self.language(request), csrf: csrf, failed: failed), type: "text/html; charset=utf-8"
        )
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// A regulator signs in with a token; the browser then holds only a session cookie
    /// (HttpOnly, SameSite=Strict), never the token.
    func login(_ request: Request) async throws -> Response {
        let form = (try? await Self.formFields(request, limit: 16 << 10)) ?? [:]
        let language = form["lang"].flatMap(Language.init(rawValue:)) ?? Self.language(request)
        guard checkCSRF(request, form["csrf"]) else {
            return Self.respond(
                .forbidden, Pages.message(language, title: "403", text: Pages.Words(language).forbidden), type: "text/html; charset=utf-8")
        }
        guard let holder = backend.holder(of: form["token"] ?? ""), holder.role == .regulator else {
            return loginPage(request, failed: true)
        }
        var response = Response(status: .seeOther, headers: [.location: "/dashboard?lang=\(language.rawValue)"])
        response.setCookie(
            Cookie(
                name: Self.sessionCookie, value: sessions.open(holder), maxAge: Int(settings.sessionLifetime), path: "/", httpOnly: true,
                sameSite: .strict))
        return response
    }

    func logout(_ request: Request) async throws -> Response {
        let form = (try? await Self.formFields(request, limit: 16 << 10)) ?? [:]
        guard checkCSRF(request, form["csrf"]) else { return Self.respond(.forbidden, "forbidden\n", type: "text/plain; charset=utf-8") }
        if let id = request.cookies[Self.sessionCookie]?.value { sessions.close(id) }
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// The regulators' dashboard, drawn from the store. A browser without a session is sent
    /// to sign in; an API client may use its bearer token.
    func dashboard(_ request: Request) async throws -> Response {
        let language = Self.language(request)
        switch who(request) {
        case .none:
            return Response(status: .seeOther, headers: [.location: "/login?lang=\(language.rawValue)"])
        case .some(let holder) where holder.role != .regulator:
            return Self.respond(
                .forbidden, Pages.message(language, title: "403", text: Pages.Words(language).signInFailed),
                type: "text/html; charset=utf-8")
        case .some:
            let (rollups, stored) = try await timed { try backend.rollups() }
            let html = Dashboard(language: language, toolVersion: backend.toolVersion, generatedAt: ReportFormattingClock.now()).render(
                rollups, stored: stored)
            return Self.respond(.ok, html, type: "text/html; charset=utf-8")
        }
    }

    /// A rule's documentation page, linked from every finding.
    func rule(_ file: String) -> Response {
        guard file.hasSuffix(".md"), let page = ruleDoc(String(file.dropLast(3))) else {
            return Self.respond(.notFound, "no such rule\n", type: "text/plain; charset=utf-8")
        }
        // Plain text, so a browser shows the Markdown instead of offering it as a download.
        return Self.respond(.ok, page, type: "text/plain; charset=utf-8")
    }

    // MARK: API

    /// `POST /api/v1/audit`: a description in, the result in the format `Accept` asks for.
    func apiAudit(_ request: Request) async throws -> Response {
        guard let reporter = Self.reporter(accepting: request.headers[.accept]) else {
            return Self.problem(.notAcceptable, "Accept must allow one of: \(Self.acceptable.map(\.type).joined(separator: ", "))")
        }
        let bytes: [UInt8]
        do {
            bytes = try await Self.body(request, limit: settings.maxDescriptionBytes)
        } catch let tooLarge as TooLarge {
            return Self.problem(.contentTooLarge, tooLarge.message)
        }
        let language = Self.language(request)
        switch try await timed({ backend.audit(bytes: bytes, name: "description.yaml") }) {
        case .invalid(let shown):
            return Self.problem(.unprocessableContent, "the description has errors and was not audited", diagnostics: shown)
        case .audited(let result):
            let body = try await timed {
                try backend.render(result, format: reporter, language: language, rulesDocsBase: settings.rulesDocsBase)
            }
            var response = Self.respond(.ok, body, type: Self.contentType(reporter))
            response.headers[HTTPFields.Element.Name("Venue-Audit-Verdict")!] = result.verdict.rawValue
            return response
        }
    }

    /// `POST /api/v1/reports`: an inspector's XML report, checked as `aggregate` checks it, stored.
    func apiSubmit(_ request: Request) async throws -> Response {
        if let refusal = require(.inspector, request) { return refusal }
        let bytes: [UInt8]
        do {
            bytes = try await Self.body(request, limit: settings.maxReportBytes)
        } catch let tooLarge as TooLarge {
            return Self.problem(.contentTooLarge, tooLarge.message)
        }
        switch try await timed({ try backend.submit(report: bytes, name: "report.xml") }) {
        case .added(let digest):
            return Self.json(.created, .object(["status": .string("added"), "digest": .string(digest)]))
        case .duplicate(let digest):
            return Self.json(.ok, .object(["status": .string("duplicate"), "digest": .string(digest)]))
        case .rejected(let rejection):
            return Self.json(
                .unprocessableContent,
                .object([
                    "status": .string("rejected"), "reason": .string(rejection.reason.rawValue),
                    "message": .string(rejection.description),
                ]))
        }
    }

    /// `GET /api/v1/rollups`: the regulators' figures, as `aggregate` writes them to `aggregate.json`.
    func apiRollups(_ request: Request) async throws -> Response {
        if let refusal = require(.regulator, request) { return refusal }
        let (rollups, stored) = try await timed { try backend.rollups() }
        return Self.respond(
            .ok, RollupJSON.render(rollups, toolVersion: backend.toolVersion, generatedAt: ReportFormattingClock.now(), stored: stored),
            type: "application/json")
    }

    // MARK: Who is asking

    /// The holder of the request's bearer token, else of its session cookie.
    func who(_ request: Request) -> AccessTokenRecord? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return backend.holder(of: String(parts[1]).trimmingCharacters(in: .whitespaces))
        }
        return request.cookies[Self.sessionCookie].flatMap { sessions.holder(of: $0.value) }
    }

    /// nil when the request's token has `role`; else the 401 (no or unknown token) or 403
    /// (another role) to answer.
    func require(_ role: AccessRole, _ request: Request) -> Response? {
        guard let holder = who(request) else {
            var response = Self.problem(.unauthorized, "this needs an \(role.rawValue)'s token: Authorization: Bearer va_…")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        guard holder.role == role else {
            return Self.problem(.forbidden, "this needs an \(role.rawValue)'s token; this one is a \(holder.role.rawValue)'s")
        }
        return nil
    }

    // MARK: CSRF (double submit: a random cookie, the same value in each form)

    func csrfToken(_ request: Request) -> (String, Cookie?) {
        if let existing = request.cookies[Self.csrfCookie]?.value, AccessToken.isWellFormed(existing) { return (existing, nil) }
        let token = AccessToken.makeSecret()
        return (token, Cookie(name: Self.csrfCookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
    }

    func checkCSRF(_ request: Request, _ field: String?) -> Bool {
        guard let cookie = request.cookies[Self.csrfCookie]?.value, let field, AccessToken.isWellFormed(cookie) else { return false }
        return Self.constantTimeEqual(cookie, field)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    // MARK: Helpers

    /// Runs `work` off the request's task, answering 503 if it takes longer than the limit.
    func timed<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await Deadline.run(within: settings.requestTimeout, work)
    }

    struct TooLarge: Error {
        var message: String
    }

    static func tooLargeText(_ limit: Int) -> String { "the request body is larger than the limit of \(limit) bytes" }

    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw TooLarge(message: tooLargeText(limit))
        }
    }

    /// The fields of an `application/x-www-form-urlencoded` body (the last value of a name that repeats).
    static func formFields(_ request: Request, limit: Int) async throws -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in try await formPairs(request, limit: limit) { fields[name] = value }
        return fields
    }

    /// Every name and value of an `application/x-www-form-urlencoded` body, in order
    /// (checkboxes send one name several times).
    static func formPairs(_ request: Request, limit: Int) async throws -> [(String, String)] {
        let text = String(decoding: try await body(request, limit: limit), as: UTF8.self)
        func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
        return text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first else { return nil }
            return (decode(name), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// `?lang=zh|en`, else the first language of `Accept-Language` that is Chinese or English.
    static func language(_ request: Request) -> Language {
        if let lang = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return lang }
        let accepted = (request.headers[.acceptLanguage] ?? "").lowercased()
        for part in accepted.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .en
    }

    /// The media types `POST /api/v1/audit` answers in, first preferred.
    static let acceptable: [(type: String, reporter: any Reporter.Type)] = [
        ("application/json", JSONReporter.self), ("application/xml", XMLReporter.self), ("text/html", HTMLReporter.self),
        ("application/sarif+json", SARIFReporter.self), ("text/plain", TextReporter.self),
    ]

    /// The reporter for an `Accept` header: the first acceptable type it lists with q > 0
    /// (in the header's order of preference), JSON for `*/*`, `application/*` or no header.
    static func reporter(accepting header: String?) -> (any Reporter.Type)? {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { return JSONReporter.self }
        var ranges: [(type: String, q: Double, order: Int)] = []
        for (i, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = pieces.first, !type.isEmpty else { continue }
            var q = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            if q > 0 { ranges.append((type, q, i)) }
        }
        for range in ranges.sorted(by: { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }) {
            if range.type == "*/*" || range.type == "application/*" { return JSONReporter.self }
            if let match = acceptable.first(where: { $0.type == range.type }) { return match.reporter }
        }
        return nil
    }

    static func contentType(_ reporter: any Reporter.Type) -> String {
        let type = acceptable.first { $0.reporter == reporter }?.type ?? "application/octet-stream"
        return type.hasPrefix("text/") || type == "application/xml" ? type + "; charset=utf-8" : type
    }

    static func respond(_ status: HTTPResponse.Status, _ text: String, type: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: type, .cacheControl: "no-store", HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        respond(status, value.rendered(), type: "application/json")
    }

    /// An error answer: `{"error": {"status", "message", "diagnostics": [...]}}`, each
    /// diagnostic with the same text the command line prints and its (masked) source line.
    static func problem(_ status: HTTPResponse.Status, _ message: String, diagnostics: [ServiceBackend.ShownDiagnostic] = []) -> Response {
        var error: [String: JSONValue] = ["status": .int(status.code), "message": .string(message)]
        if !diagnostics.isEmpty {
            error["diagnostics"] = .array(
                diagnostics.map { d in
                    .object([
                        "text": .string(d.text), "code": .string(d.diagnostic.code), "severity": .string(d.diagnostic.severity.rawValue),
                        "line": d.diagnostic.location.map { .int($0.line) } ?? .null,
                        "column": d.diagnostic.location.map { .int($0.column) } ?? .null,
                        "source_line": JSONValue.optional(d.sourceLine),
                    ])
                })
        }
        return json(status, .object(["error": .object(error)]))
    }
}

/// The report clock: now, as reports print it.
enum ReportFormattingClock {
    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
