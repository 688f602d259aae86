import AuditBasics

/// The static type of a condition expression, checked when a pack loads.
///
/// Types come from the input contract (`Shape`, see `init(_:)`) or are written by the caller for
/// values the contract does not describe (`params`, `evidence`). `dyn` stands for "any value,
/// checked when evaluated"; a type error is reported at load only when both sides are known.
public indirect enum ConditionType: Sendable, Hashable, CustomStringConvertible {
    /// Any value; checks are deferred to evaluation.
    case dyn
    /// Only the explicit `null`.
    case null
    case bool
    case int
    case double
    /// An `int` or a `double` (the `number` shape).
    case number
    case string
    /// A calendar day (`CivilDate`); dates compare chronologically.
    case date
    /// A string from a closed vocabulary. String literals compared with it must be one of `values`.
    case enumeration(name: String, values: [String])
    case list(ConditionType)
    /// A map with free keys whose values share one type (the `dictionary` shape).
    case map(ConditionType)
    /// A map with known fields (the `object` shape); reading another field is a load error.
    case object(ObjectType)
    /// The type, or an explicit `null`.
    case nullable(ConditionType)

    /// A map type with known fields, for callers that build types by hand.
    public static func object(_ name: String, _ fields: [String: ConditionType]) -> ConditionType {
        .object(ObjectType(name: name, fields: fields))
    }

    /// `bool`, `list(string)`, `map(int)`, `date?` for nullable; an enumeration shows as `string`
    /// and an object as `map`, the kinds a pack author writes about.
    public var description: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .number: "number"
        case .string: "string"
        case .date: "date"
        case .enumeration: "string"
        case .list(let element): "list(\(element))"
        case .map(let value): "map(\(value))"
        case .object: "map"
        case .nullable(let wrapped): "\(wrapped)?"
        }
    }
}

/// The fields of a map with known fields.
public struct ObjectType: Sendable, Hashable {
    /// Used in messages: `'storage' has no field 'locaton'`.
    public var name: String
    public var fields: [String: ConditionType]

    public init(name: String, fields: [String: ConditionType]) {
        self.name = name
        self.fields = fields
    }

    /// The object type of an input-contract object shape, fields converted recursively.
    public init(_ shape: ObjectShape) {
        var fields: [String: ConditionType] = [:]
        for field in shape.fields { fields[field.name] = ConditionType(field.shape) }
        self.init(name: shape.name, fields: fields)
    }
}

extension ConditionType {
    /// The type of facts that conform to `shape`.
    ///
    /// `boolean` is `bool`, `integer` is `int`, `number` is `number`, `string` is `string`,
    /// `date` is `date`, `enumeration` keeps its values, `list` and `nullable` wrap, `object`
    /// keeps its fields and `dictionary` becomes a `map` of its value type.
    public init(_ shape: Shape) {
        switch shape {
        case .boolean: self = .bool
        case .integer: self = .int
        case .number: self = .number
        case .string: self = .string
        case .date, .dateOrMonth: self = .date
        case .enumeration(let name, let values): self = .enumeration(name: name, values: values)
        case .list(let element): self = .list(ConditionType(element))
        case .object(let object): self = .object(ObjectType(object))
        case .dictionary(_, let values): self = .map(ConditionType(values))
        case .nullable(let wrapped): self = .nullable(ConditionType(wrapped))
        }
    }

    /// The type without its `nullable` wrapper.
    var unwrapped: ConditionType {
        if case .nullable(let wrapped) = self { return wrapped.unwrapped }
        return self
    }

    /// The runtime kinds a value of this type may have.
    var kinds: Kinds {
        switch self {
        case .dyn: .all
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .double: .double
        case .number: .numeric
        case .string, .enumeration: .string
        case .date: .date
        case .list: .list
        case .map, .object: .map
        case .nullable(let wrapped): wrapped.kinds.union(.null)
        }
    }

    /// The element type of a list type (`dyn` when unknown).
    var elementType: ConditionType {
        if case .list(let element) = unwrapped { return element }
        return .dyn
    }

    /// The allowed values when this is an enumeration (or a list or nullable of one).
    var enumeration: (name: String, values: [String])? {
        switch self {
        case .enumeration(let name, let values): (name, values)
        case .nullable(let wrapped): wrapped.enumeration
        default: nil
        }
    }

    /// The narrowest type holding values of both types.
    static func join(_ a: ConditionType, _ b: ConditionType) -> ConditionType {
        if a == b { return a }
        switch (a, b) {
        case (.dyn, _), (_, .dyn): return .dyn
        case (.null, .nullable), (.nullable, .null): return a == .null ? b : a
        case (.null, _): return .nullable(b)
        case (_, .null): return .nullable(a)
        case (.nullable(let x), _): return .nullable(join(x, b)).flattened
        case (_, .nullable(let y)): return .nullable(join(a, y)).flattened
        default: break
        }
        if a.kinds.isSubset(of: .numeric), b.kinds.isSubset(of: .numeric) { return .number }
        if a.kinds == .string, b.kinds == .string { return .string }
        if case .list(let x) = a, case .list(let y) = b { return .list(join(x, y)) }
        if a.kinds == .map, b.kinds == .map { return .map(.dyn) }
        return .dyn
    }

    private var flattened: ConditionType {
        if case .nullable(let inner) = self, case .nullable = inner { return inner.flattened }
        if case .nullable(.dyn) = self { return .dyn }
        return self
    }
}

/// The set of runtime kinds a static type allows; operators are checked on these sets, so a
/// type error is reported exactly when no pair of allowed kinds fits the operator.
struct Kinds: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let null = Kinds(rawValue: 1 << 0)
    static let bool = Kinds(rawValue: 1 << 1)
    static let int = Kinds(rawValue: 1 << 2)
    static let double = Kinds(rawValue: 1 << 3)
    static let string = Kinds(rawValue: 1 << 4)
    static let date = Kinds(rawValue: 1 << 5)
    static let list = Kinds(rawValue: 1 << 6)
    static let map = Kinds(rawValue: 1 << 7)
    static let numeric: Kinds = [.int, .double]
    static let all = Kinds(rawValue: 0xFF)
}
