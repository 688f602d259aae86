import AuditBasics
import ReportFormat

/// Who a token holder is to the service: inspectors submit reports, regulators read the
/// dashboard and rollups. Self-assessment needs no token.
public enum AccessRole: String, Sendable, Hashable, CaseIterable {
    case inspector, regulator
}

/// A token as stored: never the token itself, only its SHA-256 and a short public id that
/// `tokens list` and `tokens revoke` name it by.
public struct AccessTokenRecord: Sendable, Hashable {
    /// 8 hex digits, the start of the hash: enough to tell tokens apart, useless to log in with.
    public var id: String
    public var role: AccessRole
    public var organization: String
    /// ISO 8601, UTC.
    public var createdAt: String
    public var revokedAt: String?

    public init(id: String, role: AccessRole, organization: String, createdAt: String, revokedAt: String?) {
        self.id = id
        self.role = role
        self.organization = organization
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }
}

/// Where the service keeps its tokens: the same store as the reports, so one file serves both.
public protocol AccessTokenStore: AnyObject {
    /// Stores a new token by its hash. The id is the hash's first 8 hex digits.
    func addToken(hash: String, role: AccessRole, organization: String) throws -> AccessTokenRecord
    /// The active (not revoked) token with this hash, if any.
    func activeToken(hash: String) throws -> AccessTokenRecord?
    /// Every token, oldest first, revoked ones included.
    func tokens() throws -> [AccessTokenRecord]
    /// Revokes the token with this id; false when there is none or it was revoked already.
    func revokeToken(id: String) throws -> Bool
}

/// Making and checking bearer tokens.
public enum AccessToken {
    /// A new secret: `va_` and 64 hex digits of the system's cryptographic random generator
    /// (getrandom on Linux). Shown once; only its hash is kept.
    public static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<32 { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        return "va_" + bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The SHA-256 of a secret, in hex: what the store keeps and looks tokens up by. The
    /// secrets are long random strings, so a plain hash is enough (no password stretching).
    public static func hash(_ secret: String) -> String { ReportDigest.sha256Hex(of: Array(secret.utf8)) }

    /// Whether `text` has the shape of a secret (`va_` and 64 hex digits), checked before any
    /// lookup so that a malformed header costs nothing.
    public static func isWellFormed(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 67, text.hasPrefix("va_") else { return false }
        return utf8.dropFirst(3).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
