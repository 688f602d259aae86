import AuditBasics

extension AuditResult {
    /// The same result with personal data masked in every free-text string, and
    /// `personalDataFoundInInput` set when anything was masked.
    ///
    /// The engine calls this once, before a result reaches any reporter, so no report can print
    /// an ID number, phone number, e-mail address or passport number from the input. Masked are:
    /// venue name, district and operator; assessor and organisation; each finding's message,
    /// source line, evidence values and waiver reason and approver; observation notes and
    /// evidence; diagnostic messages and notes; and the ids and paths that come from the input
    /// (venue id, target ids, the input path and every location's file), since an id becomes a
    /// file name and a path is printed. Rule ids, vocabulary values and rule texts from the packs
    /// are left as they are.
    public func maskingPersonalData() -> AuditResult {
        var copy = self
        copy.maskPersonalData()
        return copy
    }

    /// Masks this result in place (see `maskingPersonalData()`): a result the caller owns alone
    /// is not copied, and a text is only replaced when it held personal data.
    public mutating func maskPersonalData() {
        var found = personalDataFoundInInput
        func mask(_ text: String) -> String { PersonalDataMasker.mask(text, found: &found) }
        func mask(_ text: String?) -> String? { text.map { PersonalDataMasker.mask($0, found: &found) } }
        func maskInPlace(_ text: inout String) {
            let result = PersonalDataMasker.mask(text)
            if result.found {
                found = true
                text = result.text
            }
        }
        // The input's path, target ids and quoted lines come back in finding after finding:
        // each is masked once and then looked up among the last few (equal strings usually
        // share storage, so the comparison is cheap).
        var recent: [(original: String, masked: String, found: Bool)] = []
        func maskRepeated(_ text: inout String) {
            // Lengths first: String's == compares by canonical equivalence, not bytes.
            let length = text.utf8.count
            for entry in recent where entry.original.utf8.count == length && entry.original == text {
                if entry.found {
                    found = true
                    text = entry.masked
                }
                return
            }
            let result = PersonalDataMasker.mask(text)
            if recent.count == 8 { recent.removeFirst() }
            recent.append((text, result.text, result.found))
            if result.found {
                found = true
                text = result.text
            }
        }

        maskInPlace(&venue.id)
        maskInPlace(&input.path)
        venue.name = mask(venue.name)
        venue.district = mask(venue.district)
        venue.operatorName = mask(venue.operatorName)
        assessment.assessor = mask(assessment.assessor)
        assessment.organization = mask(assessment.organization)
        for i in findings.indices {
            maskInPlace(&findings[i].message.en)
            maskInPlace(&findings[i].message.zh)
            if findings[i].sourceLine != nil { maskRepeated(&findings[i].sourceLine!) }
            if findings[i].targetID != nil { maskRepeated(&findings[i].targetID!) }
            if findings[i].location != nil { maskRepeated(&findings[i].location!.file) }
            for j in findings[i].evidence.indices where findings[i].evidence[j].location != nil {
                maskRepeated(&findings[i].evidence[j].location!.file)
            }
            for j in findings[i].evidence.indices { maskInPlace(&findings[i].evidence[j].value) }
            if findings[i].waiver != nil {
                maskInPlace(&findings[i].waiver!.reason)
                maskInPlace(&findings[i].waiver!.approvedBy)
            }
        }
        observations = observations.map { observation in
            var o = observation
            o.at = mask(observation.at)
            o.note = mask(observation.note)
            if o.location != nil { o.location!.file = mask(o.location!.file) }
            o.evidence = observation.evidence.map { mask($0) }
            return o
        }
        diagnostics = diagnostics.map { diagnostic in
            var d = diagnostic
            d.message = mask(diagnostic.message)
            d.notes = diagnostic.notes.map { mask($0) }
            if d.location != nil { d.location!.file = mask(d.location!.file) }
            return d
        }
        personalDataFoundInInput = found
    }
}
