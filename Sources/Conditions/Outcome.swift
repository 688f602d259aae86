import AuditBasics

/// The result of evaluating a condition: a value, unknown (something it needed was not
/// recorded), or an error (the data had a value the condition cannot use).
///
/// A value carries the location of the node that decided it (see `docs/policy-language.md`), so
/// a failed requirement can point at the field that made it false.
public enum Outcome: Sendable {
    case value(Fact)
    case unknown(Unknown)
    case error(message: String, location: FileLocation?)

    /// The boolean value, or nil for unknown, error or a non-bool value.
    public var bool: Bool? {
        if case .value(let fact) = self, case .bool(let value) = fact.value { return value }
        return nil
    }

    /// Where the outcome points: the deciding node, the nearest recorded parent of a missing
    /// field, or the place of an error.
    public var location: FileLocation? {
        switch self {
        case .value(let fact): fact.location
        case .unknown(let unknown): unknown.location
        case .error(_, let location): location
        }
    }
}

/// Why an outcome is unknown: the first value that was needed and not recorded.
public struct Unknown: Sendable, Hashable {
    /// The expression text that read the missing value, such as
    /// `target.retention.oldest_record_date`, or a variable name that was not bound.
    public var path: String
    /// The location of the deepest recorded ancestor of the missing value (the `retention` map
    /// when `oldest_record_date` is missing); nil when nothing on the path was recorded.
    public var location: FileLocation?

    public init(path: String, location: FileLocation?) {
        self.path = path
        self.location = location
    }

    /// A date recorded to the month only (`2022-03`), where the condition needed the day.
    public var onlyMonthKnown = false
}
