/// A report that could not be written (a libxml2 writer call failed).
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
