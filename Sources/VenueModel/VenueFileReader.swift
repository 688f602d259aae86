import AuditBasics
import YAMLReader

/// Reads one venue description file, one document at a time.
public struct VenueFileReader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// The outcome of reading a file: each document decoded, and the error that stopped reading
    /// the file, if any (documents before it are still delivered).
    public struct FileResult: Sendable {
        public var source: SourceText
        public var venues: [VenueDescription]
        public var error: Diagnostic?

        public var diagnostics: [Diagnostic] { venues.flatMap(\.diagnostics) + (error.map { [$0] } ?? []) }
    }

    /// Decodes every document of `bytes` read from `path`.
    public func read(bytes: [UInt8], path: String) -> FileResult {
        var venues: [VenueDescription] = []
        let (source, error) = read(bytes: bytes, path: path) { venue, _ in venues.append(venue) }
        return FileResult(source: source, venues: venues, error: error)
    }

    /// Decodes the documents of `bytes` one at a time, handing each to `each` as soon as it is
    /// decoded, so a caller that audits and drops them holds one venue at a time however many
    /// documents the file has. `each` also gets the file's text, for quoting lines. Returns the
    /// text and the error that stopped reading, if any (documents before it were delivered).
    public func read(bytes: [UInt8], path: String, each: (VenueDescription, SourceText) -> Void)
        -> (source: SourceText, error: Diagnostic?)
    {
        let source = SourceText(path: path, bytes: bytes)
        let start = FileLocation(file: path, line: 1, column: 1)
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") })
        {
            return (source, .error("empty", "empty file: expected a venue description (format, venue, assessment, ...)", at: start))
        }
        var count = 0
        let reader = YAMLReader(limits: limits)
        let outcome: Result<Void, YAMLError> = bytes.withUnsafeBytes { raw in
            do throws(YAMLError) {
                try reader.read(raw, file: path) { document in
                    count += 1
                    each(VenueDecoder.decode(document, file: path), source)
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome { return (source, error.diagnostic) }
        if count == 0 { return (source, .error("empty", "no YAML document in the file: expected a venue description", at: start)) }
        return (source, nil)
    }
}
