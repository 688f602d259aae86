import AuditBasics

/// Facts that follow from other facts of the same description by the meaning of the format
/// (`docs/input-format.md`), filled in after decoding so that every rule reads them the same
/// way. Only a field that is not written is filled in; what the file says always wins. A filled
/// fact points at the node it follows from, so findings still point into the file.
enum ImpliedFacts {
    static func apply(to facts: inout Fact) {
        guard case .map(var entries) = facts.value,
            let index = entries.firstIndex(where: { $0.key == "collection_points" }),
            case .list(var points) = entries[index].value.value
        else { return }
        for i in points.indices {
            points[i] = implyStorage(of: points[i])
        }
        entries[index].value.value = .list(points)
        facts.value = .map(entries)
    }

    /// A `government_qr` point keeps nothing at the venue: its medium is the government's
    /// platform. Then the day's storage periods sum up into the storage fields not written.
    private static func implyStorage(of point: Fact) -> Fact {
        guard case .map = point.value else { return point }
        var storage = point["storage"] ?? Fact(.map([]), at: point["method"]?.location ?? point.location)
        var added: [FactEntry] = []
        if point["method"]?.string == "government_qr", storage["medium"] == nil, let method = point["method"] {
            added.append(FactEntry(key: "medium", value: Fact(.string("government_platform"), at: method.location)))
        }
        if let periods = storage["periods"]?.list, !periods.isEmpty {
            for (key, value) in summary(of: periods) where storage[key] == nil {
                added.append(FactEntry(key: key, value: value))
            }
        }
        guard !added.isEmpty, case .map(let fields) = storage.value else { return point }
        storage.value = .map(fields + added)
        return replacing("storage", in: point, with: storage)
    }

    private static func replacing(_ key: String, in fact: Fact, with value: Fact) -> Fact {
        guard case .map(var entries) = fact.value else { return fact }
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value = value
        } else {
            entries.append(FactEntry(key: key, value: value))
        }
        return Fact(.map(entries), at: fact.location)
    }

    /// Paper locations from the most exposed to the least: the day's storage is as exposed as
    /// its most exposed period.
    static let exposure = ["open_table", "staffed_desk", "back_office", "off_site", "locked_cabinet", "locked_drawer"]

    /// The storage fields summed up over the periods of the day, each only when every period
    /// that decides it records it:
    /// - visible to other visitors when visible in any period, not visible when in none;
    /// - locked when unattended when every period is always attended or locked when unattended,
    ///   not when some period is neither;
    /// - attended: the periods' common value; a period always attended in business hours with
    ///   the others never attended is `business_hours`; any other mix is `sometimes`;
    /// - location: the most exposed period's.
    static func summary(of periods: [Fact]) -> [(String, Fact)] {
        var result: [(String, Fact)] = []
        func bool(_ p: Fact, _ key: String) -> Fact? {
            guard let f = p[key], case .bool = f.value else { return nil }
            return f
        }
        func isTrue(_ f: Fact?) -> Bool? {
            guard let f, case .bool(let b) = f.value else { return nil }
            return b
        }
        // visible_to_other_visitors
        let visible = periods.map { bool($0, "visible_to_other_visitors") }
        if let yes = visible.first(where: { isTrue($0) == true }) {
            result.append(("visible_to_other_visitors", yes!))
        } else if visible.allSatisfy({ isTrue($0) == false }), let first = visible.first {
            result.append(("visible_to_other_visitors", first!))
        }
        // locked_when_unattended
        var lockedFacts: [Fact] = []
        var lockedUnknown = false
        var notLocked: Fact?
        for p in periods {
            let attended = p["attended"]
            let locked = bool(p, "locked_when_unattended")
            if isTrue(locked) == true {
                lockedFacts.append(locked!)
            } else if attended?.string == "always" {
                lockedFacts.append(Fact(.bool(true), at: attended?.location))
            } else if isTrue(locked) == false, attended != nil {
                notLocked = notLocked ?? locked
            } else {
                lockedUnknown = true
            }
        }
        if let notLocked {
            result.append(("locked_when_unattended", notLocked))
        } else if !lockedUnknown, let first = lockedFacts.first {
            result.append(("locked_when_unattended", first))
        }
        // attended
        let attended = periods.map { $0["attended"] }
        if attended.allSatisfy({ $0?.string != nil }), let first = attended.first!, let value = first.string {
            let values = Set(attended.compactMap { $0?.string })
            if values.count == 1 {
                result.append(("attended", Fact(.string(value), at: first.location)))
            } else {
                let dayAttended = periods.contains { $0["during"]?.string == "business_hours" && $0["attended"]?.string == "always" }
                let restNever = periods.allSatisfy {
                    $0["during"]?.string == "business_hours" && $0["attended"]?.string == "always" || $0["attended"]?.string == "never"
                }
                result.append(("attended", Fact(.string(dayAttended && restNever ? "business_hours" : "sometimes"), at: first.location)))
            }
        }
        // location
        let locations = periods.map { $0["location"] }
        if locations.allSatisfy({ $0?.string != nil }) {
            let worst = locations.compactMap { $0 }.min {
                (exposure.firstIndex(of: $0.string ?? "") ?? 0) < (exposure.firstIndex(of: $1.string ?? "") ?? 0)
            }
            if let worst { result.append(("location", worst)) }
        }
        return result
    }
}
