import AuditBasics

/// The extension functions a condition may call besides the built-in ones.
///
/// The policy catalogue registers taxonomy helpers here, such as
/// `is_sensitive(field, jurisdiction) -> bool`. An implementation must be pure (same arguments,
/// same outcome) and fast; it is called only with known values whose kinds match the declared
/// parameter types, and a result without a location gets the first argument's location.
public struct FunctionLibrary: Sendable {
    /// One registered function.
    public struct Function: Sendable {
        public var name: String
        public var parameters: [ConditionType]
        public var result: ConditionType
        public var implementation: @Sendable ([Fact]) -> Outcome
    }

    /// Global function names of the language itself; they cannot be registered.
    public static let builtinFunctions: Set<String> = [
        "has", "size", "int", "double", "string", "date", "days_between",
    ]

    /// Method names of the language itself (`s.startsWith(p)`, `l.all(x, p)`).
    public static let builtinMethods: Set<String> = [
        "size", "startsWith", "endsWith", "contains", "matches", "lowerAscii",
        "all", "exists", "exists_one", "filter", "map",
    ]

    /// Only the built-in functions.
    public static let standard = FunctionLibrary()

    private(set) var functions: [String: Function] = [:]

    public init() {}

    /// Adds (or replaces) a global function `name(parameters...) -> result`.
    ///
    /// - Returns: false, and registers nothing, when `name` is a built-in function name.
    @discardableResult
    public mutating func register(
        _ name: String,
        parameters: [ConditionType],
        result: ConditionType,
        _ implementation: @escaping @Sendable ([Fact]) -> Outcome
    ) -> Bool {
        guard !Self.builtinFunctions.contains(name) else { return false }
        functions[name] = Function(name: name, parameters: parameters, result: result, implementation: implementation)
        return true
    }

    /// The registered function called `name`.
    public func function(named name: String) -> Function? { functions[name] }

    /// The names of the registered functions.
    public var names: [String] { functions.keys.sorted() }
}
