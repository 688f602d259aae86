/// A problem with an input file (a venue description, a rule pack, a waiver file), shown as
/// `file:line:column: severity: [code] message`.
///
/// Diagnostics are data: readers and decoders collect them and carry on where they can, so a
/// user sees every problem of a file at once and a batch goes on past a bad file.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 2
            case .warning: 1
            case .note: 0
            }
        }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// Stable, documented, kebab-case: `yaml-syntax`, `unknown-field`, `bad-value`.
    public var code: String
    /// Lowercase, no final period; names the value and what was expected.
    public var message: String
    public var location: FileLocation?
    /// Follow-up lines printed after the diagnostic, such as "did you mean 'open_table'?".
    public var notes: [String]

    public init(
        _ severity: Severity,
        code: String,
        _ message: String,
        at location: FileLocation?,
        notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ code: String, _ message: String, at location: FileLocation?, notes: [String] = [])
        -> Diagnostic
    {
        Diagnostic(.error, code: code, message, at: location, notes: notes)
    }

    public static func warning(_ code: String, _ message: String, at location: FileLocation?, notes: [String] = [])
        -> Diagnostic
    {
        Diagnostic(.warning, code: code, message, at: location, notes: notes)
    }

    /// The compiler-style lines: the diagnostic, then one `note:` line per note at the same
    /// place. Personal data in them (a phone number quoted back from a bad value, an ID number in
    /// a file name) is masked: this is what every command prints, `validate` included.
    public var description: String {
        let place = location.map { "\(PersonalDataMasker.mask($0.description).text): " } ?? ""
        var lines = ["\(place)\(severity.rawValue): [\(code)] \(PersonalDataMasker.mask(message).text)"]
        for note in notes { lines.append("\(place)note: \(PersonalDataMasker.mask(note).text)") }
        return lines.joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error (a file with errors is not audited).
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// A diagnostic can be thrown where one problem ends the work on a file.
extension Diagnostic: Error {}
