import Aggregation
import AuditBasics
import AuditResults
import BundledFiles
import Foundation
import Hummingbird
import Logging
import ReportFormat
import Reporters

/// How the service runs. Defaults suit one machine: loopback only.
public struct ServiceSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Largest venue description accepted (a description is a few kilobytes).
    public var maxDescriptionBytes = 1 << 20
    /// Largest report accepted, as `aggregate` accepts.
    public var maxReportBytes = ReportReader.maxReportBytes
    /// Longest a request may take before it is answered 503.
    public var requestTimeout: Duration = .seconds(30)
    /// How long a regulator's browser session lasts.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// Where a finding's rule link points: `<base><RULE-ID>.md`, served by `GET /rules/…`.
    public var rulesDocsBase = "/rules/"

    public init() {}
}

/// The per-request context: Hummingbird's own, with no additions (who is asking is worked out
/// by the routes that need it).
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
    /// The routes enforce their own, smaller limits (`ServiceSettings`).
    public var maxUploadSize: Int { ReportReader.maxReportBytes }
}

/// Builds the service's router: pages, the API, the OpenAPI document.
public enum ServiceApp {
    /// The OpenAPI 3 document of the API, as kept in `schemas/openapi.yaml`.
    public static var openAPIDocument: String { BundledFiles.text("schemas/openapi.yaml") ?? "" }

    /// The router with every route. `ruleDoc` gives a rule's documentation page (Markdown) by id.
    public static func router(
        backend: ServiceBackend, settings: ServiceSettings, logger: Logger, ruleDoc: @escaping @Sendable (String) -> String?
    ) -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        let methods = AllowedMethods()
        router.add(middleware: RequestLog(logger: logger, methods: methods))
        let routes = Routes(backend: backend, settings: settings, sessions: Sessions(lifetime: settings.sessionLifetime), ruleDoc: ruleDoc)
        /// Registers a route and notes its method, so another method on the same path is 405.
        func on(
            _ path: String, _ method: HTTPRequest.Method,
            _ handler: @escaping @Sendable (Request, ServiceContext) async throws -> Response
        ) {
            methods.note(path, method)
            router.on(RouterPath(path), method: method, use: handler)
        }
        on("/", .get) { request, _ in routes.home(request) }
        on("/audit", .post) { request, _ in try await routes.auditForm(request) }
        on("/assess", .get) { request, _ in routes.assessPage(request) }
        on("/assess", .post) { request, _ in try await routes.assess(request) }
        on("/login", .get) { request, _ in routes.loginPage(request, failed: false) }
        on("/login", .post) { request, _ in try await routes.login(request) }
        on("/logout", .post) { request, _ in try await routes.logout(request) }
        on("/dashboard", .get) { request, _ in try await routes.dashboard(request) }
        on("/rules/:file", .get) { request, context in routes.rule(context.parameters.get("file") ?? "") }
        on("/openapi.yaml", .get) { _, _ in
            Routes.respond(.ok, openAPIDocument, type: "application/yaml; charset=utf-8")
        }
        // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
        on("/favicon.ico", .get) { _, _ in Response(status: .noContent, headers: [.cacheControl: "max-age=86400"]) }
        on("/healthz", .get) { _, _ in Routes.respond(.ok, "ok\n", type: "text/plain; charset=utf-8") }
        on("/api/v1/audit", .post) { request, _ in try await routes.apiAudit(request) }
        on("/api/v1/reports", .post) { request, _ in try await routes.apiSubmit(request) }
        on("/api/v1/rollups", .get) { request, _ in try await routes.apiRollups(request) }
        return router
    }

    /// Runs the service until it is stopped (SIGINT, SIGTERM).
    public static func run(
        backend: ServiceBackend, settings: ServiceSettings, logger: Logger, ruleDoc: @escaping @Sendable (String) -> String?
    ) async throws {
        let app = Application(
            router: router(backend: backend, settings: settings, logger: logger, ruleDoc: ruleDoc),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "venue-audit"),
            logger: logger)
        try await app.runService()
    }
}

/// The methods each path answers, noted as the routes are registered, so that a request with
/// another method on a known path is answered 405 with `Allow` rather than 404.
final class AllowedMethods: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: [HTTPRequest.Method]] = [:]

    func note(_ path: String, _ method: HTTPRequest.Method) {
        lock.lock()
        defer { lock.unlock() }
        table[path, default: []].append(method)
    }

    /// The methods of `path` (a `:parameter` segment matches any one segment); empty when unknown.
    func methods(of path: String) -> [HTTPRequest.Method] {
        lock.lock()
        defer { lock.unlock() }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (pattern, methods) in table {
            let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count else { continue }
            if zip(parts, segments).allSatisfy({ $0.hasPrefix(":") ? !$1.isEmpty : $0 == $1 }) {
                return methods
            }
        }
        return []
    }
}
