import AuditBasics
import Conditions

/// Everything under `policies/`: legal sources, taxonomy, packs with compiled rules, profiles.
public struct Catalog: Sendable {
    public var legal: LegalRegistry
    public var taxonomy: Taxonomy
    public var packs: [Pack]
    public var profiles: [String: Profile]
    public var functions: FunctionLibrary

    public func pack(_ id: String) -> Pack? { packs.first { $0.id == id } }

    /// Every rule of every pack, in pack order.
    public var rules: [Rule] { packs.flatMap(\.rules) }

    public func rule(_ id: String) -> Rule? {
        for pack in packs {
            if let rule = pack.rules.first(where: { $0.id == id }) { return rule }
        }
        return nil
    }

    /// The profile for a jurisdiction: the longest profile id that matches the code (`CN-SC`
    /// falls back to `CN`), else the profile of a group that contains its country (`FR` falls
    /// back to `EU`; see `groups` in the taxonomy).
    public func profile(forJurisdiction code: String) -> Profile? {
        taxonomy.bestMatch(for: code, among: profiles.keys).flatMap { profiles[$0] }
    }

    /// The functions conditions may call besides the built-in ones, backed by the taxonomy.
    static func functions(for taxonomy: Taxonomy) -> FunctionLibrary {
        var library = FunctionLibrary()
        library.register("is_sensitive", parameters: [.string, .string], result: .bool) { args in
            guard args.count == 2, let field = args[0].string, let code = args[1].string else {
                return .error(message: "is_sensitive needs two strings", location: args.first?.location)
            }
            return .value(Fact(.bool(taxonomy.isSensitive(field, in: code)), at: args[0].location))
        }
        library.register("is_sensitive_on", parameters: [.string, .string, .date], result: .bool) { args in
            guard args.count == 3, let field = args[0].string, let code = args[1].string, case .date(let date) = args[2].value
            else {
                return .error(message: "is_sensitive_on needs a field, a jurisdiction and a date", location: args.first?.location)
            }
            return .value(Fact(.bool(taxonomy.isSensitive(field, in: code, on: date)), at: args[0].location))
        }
        library.register("field_category", parameters: [.string], result: .string) { args in
            guard let field = args.first?.string else {
                return .error(message: "field_category needs a string", location: args.first?.location)
            }
            guard let category = taxonomy.category(of: field) else {
                return .error(message: "the taxonomy has no category for field '\(field)'", location: args[0].location)
            }
            return .value(Fact(.string(category), at: args[0].location))
        }
        return library
    }
}
