import AuditBasics

extension AuditResult {
    /// The same result with personal data masked in every free-text string, and
    /// `personalDataFoundInInput` set when anything was masked.
    ///
    /// The engine calls this once, before a result reaches any reporter, so no report can print
    /// an ID number, phone number, e-mail address or passport number from the input. Masked are:
    /// venue name, district and operator; assessor and organisation; each finding's message,
    /// source line, evidence values and waiver reason and approver; observation notes and
    /// evidence; diagnostic messages and notes. Identifiers (venue, rule and target ids), paths,
    /// vocabulary values and rule texts from the packs are left as they are.
    public func maskingPersonalData() -> AuditResult {
        var found = personalDataFoundInInput
        func mask(_ text: String) -> String { PersonalDataMasker.mask(text, found: &found) }
        func mask(_ text: String?) -> String? { text.map { PersonalDataMasker.mask($0, found: &found) } }

        var copy = self
        copy.venue.name = mask(venue.name)
        copy.venue.district = mask(venue.district)
        copy.venue.operatorName = mask(venue.operatorName)
        copy.assessment.assessor = mask(assessment.assessor)
        copy.assessment.organization = mask(assessment.organization)
        copy.findings = findings.map { finding in
            var f = finding
            f.message = finding.message.map { mask($0) }
            f.sourceLine = mask(finding.sourceLine)
            f.evidence = finding.evidence.map { item in
                EvidenceItem(name: item.name, value: mask(item.value), location: item.location)
            }
            if var waiver = finding.waiver {
                waiver.reason = mask(waiver.reason)
                waiver.approvedBy = mask(waiver.approvedBy)
                f.waiver = waiver
            }
            return f
        }
        copy.observations = observations.map { observation in
            var o = observation
            o.note = mask(observation.note)
            o.evidence = observation.evidence.map { mask($0) }
            return o
        }
        copy.diagnostics = diagnostics.map { diagnostic in
            var d = diagnostic
            d.message = mask(diagnostic.message)
            d.notes = diagnostic.notes.map { mask($0) }
            return d
        }
        copy.personalDataFoundInInput = found
        return copy
    }
}
