import AuditBasics

/// Why a YAML file could not be read. Reading stops at the first error: unlike a decoding
/// problem, a broken token stream leaves nothing trustworthy after it.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Bytes that are not UTF-8, or control characters such as NUL.
        case encoding = "yaml-encoding"
        case syntax = "yaml-syntax"
        case duplicateKey = "duplicate-key"
        case tooDeep = "limit-depth"
        case tooManyAliases = "limit-aliases"
        case tooLarge = "limit-size"
        case unknownAnchor = "unknown-anchor"
        case io = "io"
    }

    public var kind: Kind
    public var message: String
    public var location: FileLocation?
    public var notes: [String]

    public init(_ kind: Kind, _ message: String, at location: FileLocation?, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.location = location
        self.notes = notes
    }

    public var diagnostic: Diagnostic {
        .error(kind.rawValue, message, at: location, notes: notes)
    }

    public var description: String { diagnostic.description }
}
