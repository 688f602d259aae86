/// Limits that keep hostile input from exhausting the machine. Each one, when crossed, stops
/// reading with an error that names the limit and the place.
public struct YAMLLimits: Sendable {
    /// Nesting of lists and maps. Venue descriptions nest about six levels.
    public var maxDepth: Int = 64
    /// Aliases (`*name`) in one document.
    public var maxAliasesPerDocument: Int = 100
    /// Nodes in one document counting every alias as the nodes it stands for; this is what stops
    /// a "billion laughs" file, which has few aliases but expands exponentially.
    public var maxExpandedNodesPerDocument: Int = 100_000
    /// Bytes in one file.
    public var maxFileBytes: Int = 256 << 20

    public init() {}

    public static let `default` = YAMLLimits()
}
