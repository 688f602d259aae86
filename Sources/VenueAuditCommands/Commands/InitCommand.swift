import ArgumentParser
import Foundation

/// `venue-audit init`: writes a commented starter description to fill in.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter venue description.",
        discussion: """
            Writes to standard output, or to --output FILE (never over an existing file). \
            Everything not yet known is left commented out: a missing fact is audited as \
            unknown, never as compliant.
            """
    )

    @Option(help: "The venue's jurisdiction: an ISO 3166-1 or 3166-2 code such as CN, CN-SC, GB-ENG.")
    var jurisdiction = "CN"

    @Option(name: .shortAndLong, help: "Write the starter to this file instead of standard output.")
    var output: String?

    func validate() throws {
        let ok = jurisdiction.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        guard ok, (2...10).contains(jurisdiction.count) else {
            throw ValidationError("'\(jurisdiction)' is not a jurisdiction code; use ISO 3166 codes such as CN, CN-SC, GB-ENG")
        }
    }

    func run() throws {
        let text = Self.starter(jurisdiction: jurisdiction, today: Self.today())
        guard let output else {
            print(text, terminator: "")
            return
        }
        guard !FileManager.default.fileExists(atPath: output) else {
            Console.err("venue-audit: error: \(output) exists; not overwriting it")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
            Console.err("venue-audit: error: cannot write \(output)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        Console.out("wrote \(output); fill it in, then run: venue-audit validate \(output)")
    }

    static func today() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        func pad(_ n: Int?, _ w: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    }

    static func starter(jurisdiction: String, today: String) -> String {
        """
        # A venue description for venue-audit (format version 1).
        # Fill in what you saw or what the venue does. Leave a line commented out when you do not
        # know: a missing fact is audited as "unknown", never as compliant.
        # Check it with: venue-audit validate FILE     Audit it with: venue-audit audit FILE
        format: venue-audit/1

        venue:
          id: \(jurisdiction)-CHANGE-ME-0001      # stable id; regulators aggregate by it
          name: Name of the venue
          type: shopping_mall          # office_building shopping_mall supermarket restaurant bar nightclub ktv hotel
                                       # gym cinema hospital clinic school government_office transport_hub
                                       # residential_compound event_venue other
          jurisdiction: \(jurisdiction)
          # district: District name
          # operator: { name: Operator Co., contact: privacy@example.com }

        assessment:
          kind: self_assessment        # inspection | self_assessment | follow_up
          date: \(today)
          # assessor: { name: Your name, organization: Property management office }
          # emergency_in_force: false  # is a public-health emergency response declared?

        collection_points:
          - id: entrance-register
            method: paper_register     # paper_register paper_slip staff_entry government_qr venue_qr_form
                                       # id_card_reader face_recognition phone_verification
            # purpose: [epidemic_contact_tracing]
            # fields: [name, phone, visit_time]
            # fields_if_no_phone: []     # fields of `fields` asked only of visitors without a phone
            # justification: { phone: contact tracing call-back }
            # notice: { posted: true, states: [controller, purpose, fields, retention, contact, rights] }
            # storage:
            #   medium: paper            # paper spreadsheet local_database cloud_service government_platform
            #   location: staffed_desk   # open_table staffed_desk locked_drawer locked_cabinet back_office off_site
            #   visible_to_other_visitors: false
            #   attended: always         # always business_hours sometimes never
            #   locked_when_unattended: true
            #   periods:                 # when storage changes over the day (desk by day, drawer at night)
            #     - { during: business_hours, location: staffed_desk, attended: always }
            #     - { during: after_hours, location: locked_drawer, attended: never, locked_when_unattended: true }
            # retention: { policy_days: 21, oldest_record_date: \(today) }
            # disposal: { by: venue, method: shredding, frequency_days: 7, logged: true }   # by: venue | contractor
            # access: { roles: [reception], staff_with_access: 2, trained: true, confidentiality_agreement: true, access_logged: true }
            # sharing:
            #   - { recipient: health_authority, basis: legal_obligation, channel: in_person, deidentified: false }
            #   - { recipient: property_manager, role: entrusted_processor, processing_agreement: true }

        # observations:                # what the assessor saw
        #   - { at: entrance-register, kind: register_visible_to_visitors, note: What you saw }

        # incidents:                  # if there was one, list it here instead of the [] below:
        #   - { date: \(today), kind: disclosure, disclosed_by: third_party, disclosed_how: exposed_by_negligence,
        #       records_affected: 1, reported_to_authority_within_hours: null, individuals_notified: false }
        incidents: []                  # leaks, losses, disclosures or sales; [] means none happened
        """ + "\n"
    }
}
