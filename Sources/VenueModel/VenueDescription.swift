import AuditBasics
import YAMLReader

/// One decoded venue: its facts (what rules read) and what the decoder had to say about it.
public struct VenueDescription: Sendable {
    /// The whole document as a map fact.
    public var facts: Fact
    public var diagnostics: [Diagnostic]
    public var file: String
    /// 0 for the first document of the file.
    public var documentIndex: Int
    public var location: FileLocation

    public init(facts: Fact, diagnostics: [Diagnostic], file: String, documentIndex: Int, location: FileLocation) {
        self.facts = facts
        self.diagnostics = diagnostics
        self.file = file
        self.documentIndex = documentIndex
        self.location = location
    }

    /// Whether the description can be audited (no errors, only warnings at most).
    public var isValid: Bool { !diagnostics.hasErrors }

    public var venueID: String? { facts["venue"]?["id"]?.string }

    /// A text field by dotted path, such as `venue.name`.
    public func text(_ path: String) -> String? { facts.resolve(path: path)?.string }

    /// The assessment date, if recorded and valid.
    public var assessmentDate: CivilDate? {
        if case .date(let d)? = facts.resolve(path: "assessment.date")?.value { return d }
        return nil
    }
}

/// Decodes YAML documents into venue descriptions and checks what the shape alone cannot:
/// duplicate ids and references between parts of the file.
public enum VenueDecoder {
    public static func decode(_ document: YAMLDocument, file: String) -> VenueDescription {
        var decoder = ShapeDecoder()
        var extra: [Diagnostic] = []
        var facts: Fact
        if let root = document.root {
            if case .mapping = root {
                facts = decoder.decode(root, as: .object(VenueSchema.root), path: "") ?? Fact(.map([]), at: root.location)
            } else {
                extra.append(
                    .error(
                        "wrong-type",
                        "a venue description must be a map with format, venue, assessment and collection_points, not a \(root.kindName)",
                        at: root.location))
                facts = Fact(.map([]), at: root.location)
            }
        } else {
            extra.append(
                .error("empty", "empty document: expected a venue description (format, venue, assessment, ...)", at: document.location))
            facts = Fact(.map([]), at: document.location)
        }
        if document.root != nil, case .mapping = document.root {
            extra += checkFormat(facts, at: document.location)
            extra += checkReferences(facts)
            extra += checkDates(facts)
            extra += checkConditionalFields(facts)
            ImpliedFacts.apply(to: &facts)
        }
        return VenueDescription(
            facts: facts, diagnostics: decoder.diagnostics + extra, file: file, documentIndex: document.index,
            location: document.location)
    }

    private static func checkFormat(_ facts: Fact, at location: FileLocation) -> [Diagnostic] {
        guard let format = facts["format"] else {
            return [.warning("missing-format", "no 'format: \(VenueSchema.formatTag)' line; read as version 1", at: location)]
        }
        if format.string != VenueSchema.formatTag {
            return [
                .warning(
                    "format-version", "format '\(format.string ?? "?")' is not \(VenueSchema.formatTag); read as version 1",
                    at: format.location)
            ]
        }
        return []
    }

    /// Dates that contradict the assessment date are errors: a record seen on the visit cannot
    /// be dated after it, nor can an incident the visit records. Left alone, such a date gives a
    /// negative age, and a retention limit would pass on it. A month-only date contradicts only
    /// when the whole month lies after the visit.
    private static func checkDates(_ facts: Fact) -> [Diagnostic] {
        guard case .date(let visit)? = facts.resolve(path: "assessment.date")?.value else { return [] }
        var diagnostics: [Diagnostic] = []
        func check(_ fact: Fact?, _ path: String, _ what: String) {
            guard let fact, case .date(let date) = fact.value, date > visit else { return }
            diagnostics.append(
                .error(
                    "date-order", "'\(path)' (\(date)) is after the assessment date (\(visit)): \(what) cannot be dated after the visit",
                    at: fact.location, notes: ["check both dates; if the day is not known, write the month alone (YYYY-MM)"]))
        }
        for (i, point) in (facts["collection_points"]?.list ?? []).enumerated() {
            check(
                point["retention"]?["oldest_record_date"], "collection_points[\(i)].retention.oldest_record_date",
                "a record seen on the visit")
            check(point["since"], "collection_points[\(i)].since", "a practice seen on the visit")
            check(point["until"], "collection_points[\(i)].until", "the end of a practice the visit records")
            if let since = point["since"], let until = point["until"], case .date(let from) = since.value,
                case .date(let to) = until.value,
                to.dayKnown ? from > to : from.year * 12 + from.month > to.year * 12 + to.month
            {
                diagnostics.append(
                    .error(
                        "date-order",
                        "'collection_points[\(i)].until' (\(to)) is before its 'since' (\(from)): a practice cannot end before it began",
                        at: until.location))
            }
        }
        for (i, incident) in (facts["incidents"]?.list ?? []).enumerated() {
            check(incident["date"], "incidents[\(i)].date", "an incident the visit records")
        }
        return diagnostics
    }

    /// A field asked only of visitors without a phone, or required by a local order, is still a
    /// field the point collects: `fields_if_no_phone` and `required_by_order.fields` name fields
    /// of `fields`, and one that is not there is an error (the description contradicts itself).
    private static func checkConditionalFields(_ facts: Fact) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (i, point) in (facts["collection_points"]?.list ?? []).enumerated() {
            guard let fields = point["fields"]?.list else { continue }
            let collected = Set(fields.compactMap(\.string))
            for field in point["fields_if_no_phone"]?.list ?? [] {
                guard let name = field.string, !collected.contains(name) else { continue }
                diagnostics.append(
                    .error(
                        "conditional-field",
                        "'collection_points[\(i)].fields_if_no_phone' names '\(name)', which is not in the point's fields",
                        at: field.location,
                        notes: [
                            "list every field any visitor gives in 'fields'; 'fields_if_no_phone' marks those asked only of visitors without a phone"
                        ]))
            }
            for field in point["required_by_order"]?["fields"]?.list ?? [] {
                guard let name = field.string, !collected.contains(name) else { continue }
                diagnostics.append(
                    .error(
                        "conditional-field",
                        "'collection_points[\(i)].required_by_order.fields' names '\(name)', which is not in the point's fields",
                        at: field.location,
                        notes: ["an order can only require fields the point collects; list them in 'fields' too"]))
            }
        }
        return diagnostics
    }

    /// Duplicate collection point and system ids are errors (waivers and observations could not
    /// tell them apart); references to ids that do not exist are warnings.
    private static func checkReferences(_ facts: Fact) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var pointIDs: [String: FileLocation?] = [:]
        for point in facts["collection_points"]?.list ?? [] {
            guard let id = point["id"] else { continue }
            if let first = pointIDs[id.string ?? ""] {
                let where_ = first.map { " (first at line \($0.line))" } ?? ""
                diagnostics.append(
                    .error("duplicate-id", "collection point id '\(id.string ?? "")' is used twice\(where_)", at: id.location))
            } else {
                pointIDs[id.string ?? ""] = id.location
            }
        }
        var systemIDs = Set<String>()
        for system in facts["digital_systems"]?.list ?? [] {
            guard let id = system["id"], let text = id.string else { continue }
            if !systemIDs.insert(text).inserted {
                diagnostics.append(.error("duplicate-id", "digital system id '\(text)' is used twice", at: id.location))
            }
        }
        let known = Array(pointIDs.keys)
        func reference(_ fact: Fact?, _ what: String) {
            guard let fact, let id = fact.string, pointIDs[id] == nil else { return }
            var notes: [String] = []
            if let guess = Suggestions.closest(to: id, in: known) { notes.append("did you mean '\(guess)'?") }
            diagnostics.append(
                .warning("unknown-reference", "\(what) '\(id)' names no collection point of this venue", at: fact.location, notes: notes))
        }
        for point in facts["collection_points"]?.list ?? [] {
            reference(point["alternative_for_visitors_without_phone"], "alternative_for_visitors_without_phone")
        }
        for system in facts["digital_systems"]?.list ?? [] { reference(system["collection_point"], "collection_point") }
        for observation in facts["observations"]?.list ?? [] { reference(observation["at"], "observation at") }
        return diagnostics
    }
}
