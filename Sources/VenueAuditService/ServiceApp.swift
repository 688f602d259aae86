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
        router.add(middleware: RequestLog(logger: logger))
        let routes = Routes(backend: backend, settings: settings, sessions: Sessions(lifetime: settings.sessionLifetime), ruleDoc: ruleDoc)
        router.get("/") { request, _ in routes.home(request) }
        router.post("/audit") { request, _ in try await routes.auditForm(request) }
        router.get("/assess") { request, _ in routes.assessPage(request) }
        router.post("/assess") { request, _ in try await routes.assess(request) }
        router.get("/login") { request, _ in routes.loginPage(request, failed: false) }
        router.post("/login") { request, _ in try await routes.login(request) }
        router.post("/logout") { request, _ in try await routes.logout(request) }
        router.get("/dashboard") { request, _ in try await routes.dashboard(request) }
        router.get("/rules/:file") { request, context in routes.rule(context.parameters.get("file") ?? "") }
        router.get("/openapi.yaml") { _, _ in
            Routes.respond(.ok, openAPIDocument, type: "application/yaml; charset=utf-8")
        }
        router.get("/healthz") { _, _ in Routes.respond(.ok, "ok\n", type: "text/plain; charset=utf-8") }
        router.post("/api/v1/audit") { request, _ in try await routes.apiAudit(request) }
        router.post("/api/v1/reports") { request, _ in try await routes.apiSubmit(request) }
        router.get("/api/v1/rollups") { request, _ in try await routes.apiRollups(request) }
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
