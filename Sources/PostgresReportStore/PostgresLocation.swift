import Foundation

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`, as libpq
/// writes it. The password comes from the URL, else `PGPASSWORD`, else the password file
/// (`PGPASSFILE`, by default `~/.pgpass`), as libpq looks for it. It is never part of
/// `description`, so the location can be named in messages and logs.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// Kept out of `description`; nil when no source gave one (trust or peer authentication).
    public var password: String?
    /// `disable` (the default: a loopback or private network) or `require` (TLS, server
    /// certificate checked against the system's roots).
    public var sslMode: String

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// What is wrong with a `postgres://` URL; never quotes the password.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `url`; `environment` supplies `PGPASSWORD`, `PGPASSFILE`, `PGUSER` and `HOME`.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let masked = Self.mask(url)
        guard Self.isURL(url), let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            throw Invalid(description: "'\(masked)' is not a URL of the form postgres://user@host:port/database")
        }
        self.host = host
        port = parts.port ?? 5432
        user = parts.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        guard !database.contains("/") else {
            throw Invalid(description: "'\(masked)': the database name must not contain '/'")
        }
        sslMode = "disable"
        for item in parts.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", let mode) where ["disable", "require"].contains(mode): sslMode = mode
            case ("sslmode", _):
                throw Invalid(description: "'\(masked)': sslmode must be disable or require")
            default:
                throw Invalid(description: "'\(masked)': unknown parameter '\(item.name)' (only sslmode is understood)")
            }
        }
        if let given = parts.password {
            password = given.removingPercentEncoding ?? given
        } else if let fromEnvironment = environment["PGPASSWORD"] {
            password = fromEnvironment
        } else {
            let file = environment["PGPASSFILE"] ?? environment["HOME"].map { "\($0)/.pgpass" }
            password = file.flatMap { Self.passwordFile($0, host: host, port: port, database: database, user: user) }
        }
    }

    /// The URL with any password replaced by `***`: what messages may show.
    public static func mask(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)\(sslMode == "disable" ? "" : "?sslmode=\(sslMode)")"
    }

    /// The password of the first line of a libpq password file (`host:port:database:user:password`,
    /// `*` matching anything, `\` escaping `:` and `\`) that matches; nil when none does or the
    /// file cannot be read. Like libpq, a file others can read is ignored.
    static func passwordFile(_ path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? NSNumber, mode.intValue & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaped = false
            for c in line {
                if escaped {
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == ":" && fields.count < 4 {
                    fields.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
