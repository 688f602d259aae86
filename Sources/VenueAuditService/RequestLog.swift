import AuditBasics
import Foundation
import Hummingbird
import Logging

/// One log line per request: an id, the method, the path without its query, the status and
/// the time taken. Never a header, a query, a body or anything else a request carries, so no
/// personal data and no token reaches the log. A request that times out is answered 503 here.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let methods: AllowedMethods
    private let counter = Counter()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = counter.next()
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch is Deadline.Exceeded {
            response = Routes.problem(.serviceUnavailable, "the request took longer than the service allows")
        } catch let error as any HTTPResponseError {
            let allowed = error.status == .notFound ? methods.methods(of: request.uri.path) : []
            if allowed.isEmpty {
                response = Routes.problem(error.status, error.status.reasonPhrase)
            } else {
                var refusal = Routes.problem(.methodNotAllowed, "this path does not answer \(request.method.rawValue)")
                refusal.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                response = refusal
            }
        } catch {
            // Not the error's text: it could quote the request.
            response = Routes.problem(.internalServerError, "internal error")
        }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info(
            "request",
            metadata: [
                "id": "\(id)", "method": "\(request.method.rawValue)", "path": "\(Self.safePath(request.uri.path))",
                "status": "\(response.status.code)", "ms": "\(String(format: "%.1f", ms))",
            ])
        return response
    }

    /// The path, cut short, with anything that is not a plain path character replaced and
    /// anything that looks like personal data (a phone or ID number typed into a URL) masked.
    static func safePath(_ path: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.")
        return PersonalDataMasker.mask(String(path.prefix(120).map { allowed.contains($0) ? $0 : "?" })).text
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
