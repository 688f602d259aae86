/// The closed vocabularies of the venue description format, version 1
/// (`docs/input-format.md`). Values are the contract: extend, never rename.
public enum Vocabulary {
    public static let venueTypes = [
        "office_building", "shopping_mall", "supermarket", "restaurant", "bar", "nightclub", "ktv", "hotel",
        "gym", "cinema", "hospital", "clinic", "school", "government_office", "transport_hub",
        "residential_compound", "event_venue", "other",
    ]
    public static let assessmentKinds = ["inspection", "self_assessment", "follow_up"]
    public static let methods = [
        "paper_register", "paper_slip", "staff_entry", "government_qr", "venue_qr_form", "id_card_reader",
        "face_recognition", "phone_verification",
    ]
    public static let fields = [
        "name", "id_number", "passport_number", "signature", "photo", "face_image",
        "phone", "address", "email", "employer",
        "body_temperature", "health_code_status", "vaccination_status", "symptoms",
        "travel_history",
        "visit_time", "visit_purpose", "host_name", "license_plate",
    ]
    public static let purposes = [
        "epidemic_contact_tracing", "security", "visitor_management", "marketing", "analytics", "legal_obligation",
    ]
    public static let noticeItems = ["controller", "purpose", "fields", "retention", "contact", "rights"]
    public static let storageMedia = ["paper", "spreadsheet", "local_database", "cloud_service", "government_platform"]
    public static let paperLocations = [
        "open_table", "staffed_desk", "locked_drawer", "locked_cabinet", "back_office", "off_site",
    ]
    public static let attendance = ["always", "business_hours", "sometimes", "never"]
    public static let disposalMethods = [
        "shredding", "incineration", "pulping", "secure_erase", "deletion", "discard_in_trash", "none",
    ]
    public static let sharingRecipients = [
        "health_authority", "police", "property_manager", "parent_company", "marketing_partner", "data_broker",
        "public_posting", "social_media",
    ]
    public static let accessControl = ["none", "shared_password", "individual_accounts", "role_based"]
    public static let observationKinds = [
        "register_unattended_open", "register_visible_to_visitors", "records_past_retention", "records_in_trash",
        "excess_fields_collected", "no_privacy_notice", "photo_of_register_taken", "staff_shared_records_informally",
        "other",
    ]
    public static let incidentKinds = ["leak", "loss", "unauthorized_access", "disclosure", "sale"]
    /// Who carried the data out (`incidents[].disclosed_by`).
    public static let disclosers = ["venue", "venue_staff", "third_party"]
    /// How it got out (`incidents[].disclosed_how`).
    public static let disclosureManners = ["published", "sold", "provided", "exposed_by_negligence"]
    /// How likely the incident is to harm the people affected (`incidents[].risk_to_individuals`).
    public static let incidentRisks = ["unlikely", "likely", "high"]
    /// Whether a recipient processes for the venue or for itself (`sharing[].role`).
    public static let recipientRoles = ["entrusted_processor", "independent_recipient"]
    /// Who destroys the records (`disposal.by`).
    public static let disposers = ["venue", "contractor"]
    /// The part of the day a storage period describes (`storage.periods[].during`).
    public static let storagePeriods = ["business_hours", "after_hours"]
}
