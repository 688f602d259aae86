import AuditBasics
import YAMLReader

/// Reads an organisation-wide waiver file (`--waivers FILE`): a map with a `waivers:` list.
public enum WaiverFileReader {
    public struct Result: Sendable {
        /// The decoded `waivers` list as a fact, for the engine.
        public var facts: Fact?
        public var diagnostics: [Diagnostic]
    }

    public static func read(bytes: [UInt8], path: String) -> Result {
        do throws(YAMLError) {
            let docs = try YAMLReader().readAll(bytes, file: path)
            guard let root = docs.first?.root else {
                return Result(
                    facts: nil, diagnostics: [.error("empty", "empty waiver file", at: FileLocation(file: path, line: 1, column: 1))])
            }
            var decoder = ShapeDecoder()
            let fact = decoder.decode(root, as: .object(VenueSchema.waiverFile), path: "")
            return Result(facts: fact?["waivers"], diagnostics: decoder.diagnostics)
        } catch {
            return Result(facts: nil, diagnostics: [error.diagnostic])
        }
    }
}
