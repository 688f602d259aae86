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
        let source = SourceText(path: path, bytes: bytes)
        var venues: [VenueDescription] = []
        var failure: Diagnostic?
        let start = FileLocation(file: path, line: 1, column: 1)
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
            failure = .error("empty", "empty file: expected a venue description (format, venue, assessment, ...)", at: start)
            return FileResult(source: source, venues: [], error: failure)
        }
        let reader = YAMLReader(limits: limits)
        let outcome: Result<Void, YAMLError> = bytes.withUnsafeBytes { raw in
            do throws(YAMLError) {
                try reader.read(raw, file: path) { document in
                    venues.append(VenueDecoder.decode(document, file: path))
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome { failure = error.diagnostic }
        if venues.isEmpty, failure == nil {
            failure = .error("empty", "no YAML document in the file: expected a venue description", at: start)
        }
        return FileResult(source: source, venues: venues, error: failure)
    }
}
