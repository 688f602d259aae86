/// The expected shape of a fact tree: which fields exist, their types and allowed values.
///
/// One description of the input format serves three readers: the venue decoder (which checks
/// files against it), the condition checker (which rejects a rule that reads a field that does
/// not exist, when the pack loads), and `venue-audit schema venue` (which prints it as JSON
/// Schema for editors).
public indirect enum Shape: Sendable {
    case boolean
    case integer(minimum: Int?)
    /// An integer or a decimal number.
    case number
    case string
    /// A day, `YYYY-MM-DD`.
    case date
    /// A day, or a month (`YYYY-MM`) when the day is not known; conditions that need the day
    /// of a month-only date are unknown.
    case dateOrMonth
    /// A string from a closed vocabulary; the name is used in messages and docs.
    case enumeration(name: String, values: [String])
    case list(Shape)
    case object(ObjectShape)
    /// A map whose keys are free (or drawn from `keys`) and whose values share one shape.
    case dictionary(keys: Shape?, values: Shape)
    /// The shape, or an explicit `null` (which is a fact, unlike an absent field).
    case nullable(Shape)
}

/// A map with named fields.
public struct ObjectShape: Sendable {
    public var name: String
    public var doc: String
    public var fields: [FieldShape]

    public init(name: String, doc: String, fields: [FieldShape]) {
        self.name = name
        self.doc = doc
        self.fields = fields
    }

    public func field(_ name: String) -> FieldShape? { fields.first { $0.name == name } }
}

/// One field of an object shape.
public struct FieldShape: Sendable {
    public var name: String
    public var shape: Shape
    public var doc: String
    /// Required fields are errors when absent. Very few are: a missing fact is unknown.
    public var required: Bool

    public init(_ name: String, _ shape: Shape, required: Bool = false, doc: String = "") {
        self.name = name
        self.shape = shape
        self.doc = doc
        self.required = required
    }
}
