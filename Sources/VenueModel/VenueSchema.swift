import AuditBasics

/// The shape of a venue description, version 1: the one description of the input contract that
/// the decoder, the rule checker and `venue-audit schema venue` all read.
public enum VenueSchema {
    public static let formatTag = "venue-audit/1"

    private static func vocabulary(_ name: String, _ values: [String]) -> Shape {
        .enumeration(name: name, values: values)
    }

    public static let person = ObjectShape(
        name: "assessor", doc: "Who assessed the venue.",
        fields: [
            FieldShape("name", .string, doc: "The assessor's name."),
            FieldShape("organization", .string, doc: "The body the assessor works for."),
            FieldShape("id", .string, doc: "The assessor's badge or staff number."),
        ])

    public static let venue = ObjectShape(
        name: "venue", doc: "The venue or site audited.",
        fields: [
            FieldShape("id", .string, required: true, doc: "Stable identifier; regulators aggregate by it."),
            FieldShape("name", .string, doc: "The venue's name as visitors know it."),
            FieldShape("type", vocabulary("venue type", Vocabulary.venueTypes), doc: "The kind of venue."),
            FieldShape(
                "jurisdiction", .string,
                doc: "ISO 3166-1 alpha-2 or ISO 3166-2 code such as CN-SC; picks the default profile."),
            FieldShape("district", .string, doc: "Free text, used for aggregation."),
            FieldShape(
                "operator",
                .object(
                    ObjectShape(
                        name: "operator", doc: "Who answers for the data (the controller).",
                        fields: [
                            FieldShape("name", .string, doc: "The operator's name."),
                            FieldShape("contact", .string, doc: "How to reach the operator about personal data."),
                        ])), doc: "Who answers for the data (the controller)."),
        ])

    public static let assessment = ObjectShape(
        name: "assessment", doc: "The visit or self-assessment this description records.",
        fields: [
            FieldShape("kind", vocabulary("assessment kind", Vocabulary.assessmentKinds), doc: "Who assessed, and why."),
            FieldShape("date", .date, doc: "The day the practices were seen; retention ages are counted to it."),
            FieldShape("assessor", .object(person), doc: "Who assessed the venue."),
            FieldShape(
                "emergency_in_force", .boolean, doc: "Whether a public-health emergency response was declared."),
        ])

    /// One part of the day in `storage.periods`: a book open on the desk in business hours and
    /// locked in a drawer after hours is two periods.
    public static let storagePeriod = ObjectShape(
        name: "storage period", doc: "Where and how records are kept in one part of the day.",
        fields: [
            FieldShape("during", vocabulary("storage period", Vocabulary.storagePeriods), doc: "The part of the day."),
            FieldShape(
                "location", vocabulary("storage location", Vocabulary.paperLocations), doc: "Where paper records are kept."),
            FieldShape("visible_to_other_visitors", .boolean, doc: "Whether a visitor can read earlier entries."),
            FieldShape("attended", vocabulary("attendance", Vocabulary.attendance), doc: "How often staff are with the records."),
            FieldShape("locked_when_unattended", .boolean, doc: "Whether records are locked away when unattended."),
        ])

    public static let collectionPoint = ObjectShape(
        name: "collection point", doc: "One place or channel where visitor data is collected.",
        fields: [
            FieldShape("id", .string, required: true, doc: "Identifier used by observations, systems and waivers."),
            FieldShape("method", vocabulary("collection method", Vocabulary.methods), doc: "How data is collected."),
            FieldShape("purpose", .list(vocabulary("purpose", Vocabulary.purposes)), doc: "Why it is collected."),
            FieldShape(
                "since", .dateOrMonth,
                doc: "The first day data was collected here in the way described; YYYY-MM when only the month is known."),
            FieldShape(
                "until", .dateOrMonth,
                doc: "The last day data was collected here, when the point stopped before the assessment."),
            FieldShape("fields", .list(vocabulary("field", Vocabulary.fields)), doc: "Which fields visitors give."),
            FieldShape(
                "fields_if_no_phone", .list(vocabulary("field", Vocabulary.fields)),
                doc: "Fields of `fields` asked only of visitors who have no phone to scan a code."),
            FieldShape(
                "required_by_order",
                .object(
                    ObjectShape(
                        name: "order", doc: "A local epidemic-control order that told the venue to collect some fields.",
                        fields: [
                            FieldShape("issued_by", .string, doc: "The authority that issued the order."),
                            FieldShape("reference", .string, doc: "The order's title or number."),
                            FieldShape("date", .date, doc: "The day the order was issued or took effect."),
                            FieldShape(
                                "fields", .list(vocabulary("field", Vocabulary.fields)),
                                doc: "The fields of `fields` the order required."),
                        ])),
                doc: "A local order that required some of the fields, such as ID numbers."),
            FieldShape(
                "justification", .dictionary(keys: vocabulary("field", Vocabulary.fields), values: .string),
                doc: "Why each field is needed; a field without an entry has no justification."),
            FieldShape(
                "notice",
                .object(
                    ObjectShape(
                        name: "notice", doc: "The privacy notice shown where data is collected.",
                        fields: [
                            FieldShape("posted", .boolean, doc: "Whether a notice is posted at the point."),
                            FieldShape(
                                "states", .list(vocabulary("notice item", Vocabulary.noticeItems)),
                                doc: "What the notice states."),
                        ])), doc: "The privacy notice."),
            FieldShape(
                "storage",
                .object(
                    ObjectShape(
                        name: "storage", doc: "Where and how records are kept.",
                        fields: [
                            FieldShape("medium", vocabulary("storage medium", Vocabulary.storageMedia), doc: "The medium."),
                            FieldShape(
                                "location", vocabulary("storage location", Vocabulary.paperLocations),
                                doc: "Where paper records are kept."),
                            FieldShape(
                                "visible_to_other_visitors", .boolean,
                                doc: "Whether a visitor can read earlier entries."),
                            FieldShape(
                                "attended", vocabulary("attendance", Vocabulary.attendance),
                                doc: "How often staff are with the records."),
                            FieldShape(
                                "locked_when_unattended", .boolean, doc: "Whether records are locked away when unattended."),
                            FieldShape(
                                "periods", .list(.object(storagePeriod)),
                                doc: "How storage changes over the day; fills in the fields above that are not written."),
                        ])), doc: "Where and how records are kept."),
            FieldShape(
                "retention",
                .object(
                    ObjectShape(
                        name: "retention", doc: "How long records are kept, claimed and seen.",
                        fields: [
                            FieldShape("policy_days", .integer(minimum: 0), doc: "What the venue says it keeps."),
                            FieldShape(
                                "oldest_record_date", .dateOrMonth,
                                doc: "The oldest entry actually seen on site; YYYY-MM when only the month is known."),
                        ])), doc: "How long records are kept."),
            FieldShape(
                "disposal",
                .object(
                    ObjectShape(
                        name: "disposal", doc: "How records are destroyed.",
                        fields: [
                            FieldShape("method", vocabulary("disposal method", Vocabulary.disposalMethods), doc: "The method."),
                            FieldShape("frequency_days", .integer(minimum: 0), doc: "How often records are destroyed."),
                            FieldShape("logged", .boolean, doc: "Whether each destruction is logged."),
                            FieldShape("by", vocabulary("disposer", Vocabulary.disposers), doc: "Who destroys the records."),
                            FieldShape(
                                "processing_agreement", .boolean,
                                doc: "For a contractor: whether it signed an agreement on how it handles the records."),
                            FieldShape(
                                "bin_locked", .boolean,
                                doc: "For a contractor: whether records awaiting collection are in a locked bin."),
                        ])), doc: "How records are destroyed."),
            FieldShape(
                "access",
                .object(
                    ObjectShape(
                        name: "access", doc: "Who can see the records.",
                        fields: [
                            FieldShape("roles", .list(.string), doc: "Roles with access."),
                            FieldShape("staff_with_access", .integer(minimum: 0), doc: "How many people have access."),
                            FieldShape("trained", .boolean, doc: "Whether they were trained in data protection."),
                            FieldShape(
                                "confidentiality_agreement", .boolean, doc: "Whether they signed confidentiality terms."),
                            FieldShape("access_logged", .boolean, doc: "Whether access is logged."),
                        ])), doc: "Who can see the records."),
            FieldShape(
                "sharing",
                .list(
                    .object(
                        ObjectShape(
                            name: "sharing", doc: "One recipient of the records.",
                            fields: [
                                FieldShape(
                                    "recipient", vocabulary("sharing recipient", Vocabulary.sharingRecipients),
                                    doc: "Who receives the data."),
                                FieldShape("basis", .string, doc: "The legal basis, such as legal_obligation or consent."),
                                FieldShape("channel", .string, doc: "How the data travels, such as in_person or email."),
                                FieldShape("deidentified", .boolean, doc: "Whether the data is de-identified first."),
                                FieldShape(
                                    "role", vocabulary("recipient role", Vocabulary.recipientRoles),
                                    doc: "Whether the recipient processes the data on the venue's behalf or for itself."),
                                FieldShape(
                                    "processing_agreement", .boolean,
                                    doc: "For an entrusted processor: whether an entrustment agreement is signed."),
                            ]))), doc: "Who receives the records."),
            FieldShape(
                "alternative_for_visitors_without_phone", .nullable(.string),
                doc: "The id of the collection point visitors without a phone can use; null when none is offered."),
        ])

    public static let digitalSystem = ObjectShape(
        name: "digital system", doc: "A venue-run digital collection system.",
        fields: [
            FieldShape("id", .string, required: true, doc: "Identifier of the system."),
            FieldShape("collection_point", .string, doc: "The id of the collection point it serves."),
            FieldShape("hosted_in", .string, doc: "Country code where the data is hosted."),
            FieldShape("encrypted_at_rest", .boolean, doc: "Whether stored data is encrypted."),
            FieldShape("encrypted_in_transit", .boolean, doc: "Whether data is encrypted in transit."),
            FieldShape(
                "access_control", vocabulary("access control", Vocabulary.accessControl), doc: "How access is controlled."),
            FieldShape(
                "vendor",
                .object(
                    ObjectShape(
                        name: "vendor", doc: "The processor that runs the system.",
                        fields: [
                            FieldShape("name", .string, doc: "The vendor's name."),
                            FieldShape(
                                "processing_agreement", .boolean, doc: "Whether a data processing agreement is signed."),
                        ])), doc: "The processor that runs the system."),
        ])

    public static let observation = ObjectShape(
        name: "observation", doc: "What the assessor saw.",
        fields: [
            FieldShape("at", .string, doc: "The id of the collection point it concerns."),
            FieldShape("kind", vocabulary("observation kind", Vocabulary.observationKinds), doc: "What was seen."),
            FieldShape("note", .string, doc: "The assessor's words."),
            FieldShape("evidence", .list(.string), doc: "References to photos or documents."),
        ])

    public static let incident = ObjectShape(
        name: "incident", doc: "A leak, loss, disclosure or sale of visitor data.",
        fields: [
            FieldShape("date", .dateOrMonth, doc: "When it happened; YYYY-MM when only the month is known."),
            FieldShape("kind", vocabulary("incident kind", Vocabulary.incidentKinds), doc: "What happened."),
            FieldShape("records_affected", .integer(minimum: 0), doc: "How many records were affected."),
            FieldShape("description", .string, doc: "What happened, in words."),
            FieldShape(
                "reported_to_authority_within_hours", .nullable(.number),
                doc: "Hours until the authority was told; null when it was not told."),
            FieldShape("individuals_notified", .boolean, doc: "Whether the people affected were told."),
            FieldShape(
                "disclosed_by", vocabulary("discloser", Vocabulary.disclosers),
                doc: "Who carried the data out: the venue, one of its staff, or a third party."),
            FieldShape(
                "disclosed_how", vocabulary("disclosure manner", Vocabulary.disclosureManners),
                doc: "How the data got out: published, sold, provided, or exposed by negligence."),
            FieldShape(
                "risk_to_individuals", vocabulary("incident risk", Vocabulary.incidentRisks),
                doc: "The venue's documented assessment of the risk to the people affected."),
        ])

    public static let waiver = ObjectShape(
        name: "waiver", doc: "An accepted exception, each with an end.",
        fields: [
            FieldShape("rule", .string, required: true, doc: "The rule id waived."),
            FieldShape("target", .string, required: true, doc: "The collection point or other target id, or venue."),
            FieldShape("reason", .string, required: true, doc: "Why the exception is accepted."),
            FieldShape("approved_by", .string, required: true, doc: "Who accepted it."),
            FieldShape("expires", .date, required: true, doc: "The last day it applies."),
        ])

    /// The whole document.
    public static let root = ObjectShape(
        name: "venue description", doc: "How one venue handles the personal data of its visitors.",
        fields: [
            FieldShape("format", .string, doc: "Always venue-audit/1 for this version."),
            FieldShape("venue", .object(venue), required: true, doc: "The venue or site audited."),
            FieldShape("assessment", .object(assessment), doc: "The visit or self-assessment."),
            FieldShape("collection_points", .list(.object(collectionPoint)), doc: "Where visitor data is collected."),
            FieldShape("digital_systems", .list(.object(digitalSystem)), doc: "Venue-run digital systems."),
            FieldShape("observations", .list(.object(observation)), doc: "What the assessor saw."),
            FieldShape("incidents", .list(.object(incident)), doc: "Leaks, losses, disclosures and sales."),
            FieldShape("waivers", .list(.object(waiver)), doc: "Accepted exceptions."),
        ])

    /// A waiver in an organisation-wide file: the same, and the venue it is for, since target
    /// ids such as `north-gate-book` repeat from venue to venue.
    public static let fileWaiver = ObjectShape(
        name: "waiver", doc: "An accepted exception for one venue, each with an end.",
        fields: [FieldShape("venue", .string, required: true, doc: "The id of the venue it is for.")] + waiver.fields)

    /// The shape of a waiver file given with `--waivers`.
    public static let waiverFile = ObjectShape(
        name: "waiver file", doc: "Organisation-wide waivers.",
        fields: [FieldShape("waivers", .list(.object(fileWaiver)), required: true, doc: "Accepted exceptions.")])
}
