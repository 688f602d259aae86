import AuditBasics
import VenueModel

extension Catalog {
    /// The error for a venue whose `venue.jurisdiction` no profile covers (`Chengdu`, `US`), so `validate` says what `audit` would refuse; nil when the code
    /// is covered or not recorded (an absent jurisdiction is the audit's to report).
    public func jurisdictionProblem(in venue: VenueDescription) -> Diagnostic? {
        guard let code = venue.text("venue.jurisdiction"), profile(forJurisdiction: code) == nil else { return nil }
        return jurisdictionDiagnostic(code, at: venue.facts.resolve(path: "venue.jurisdiction")?.location ?? venue.location)
    }

    /// "no rule profile covers jurisdiction 'X'", with a suggestion when one is likely and the
    /// list of codes the catalogue knows.
    public func jurisdictionDiagnostic(_ code: String, at location: FileLocation?) -> Diagnostic {
        let known = profiles.keys.sorted()
        var notes: [String] = []
        if let guess = suggestedJurisdiction(for: code, known: known) { notes.append("did you mean '\(guess)'?") }
        notes.append(
            "known: \(known.joined(separator: ", ")), and any ISO 3166-2 subdivision code under one of them"
                + (known.contains("CN") ? " (CN-SC falls under CN)" : "")
                + (taxonomy.groups.isEmpty
                    ? ""
                    : "; a country in a group falls under the group's profile (\(taxonomy.groups.keys.sorted().joined(separator: ", ")))"))
        return .error(
            "unknown-jurisdiction",
            "no rule profile covers jurisdiction '\(code)'; write an ISO 3166 code the rule packs know",
            at: location, notes: notes)
    }

    /// The same code in capitals or with `-` for `_` when that is covered, else the closest
    /// profile id by edit distance.
    private func suggestedJurisdiction(for code: String, known: [String]) -> String? {
        let tidied = code.uppercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "")
        if tidied != code, profile(forJurisdiction: tidied) != nil { return tidied }
        return Suggestions.closest(to: tidied, in: known)
    }
}
