import AuditBasics
import AuditResults
import Testing
import VenueModel

@Suite("One table of words for the input vocabulary")
struct VocabularyLabelTests {
    static let vocabularies: [(VocabularyLabels.Kind, [String])] = [
        (.venueType, Vocabulary.venueTypes), (.assessmentKind, Vocabulary.assessmentKinds), (.method, Vocabulary.methods),
        (.field, Vocabulary.fields), (.purpose, Vocabulary.purposes), (.noticeItem, Vocabulary.noticeItems),
        (.storageMedium, Vocabulary.storageMedia), (.storageLocation, Vocabulary.paperLocations),
        (.attendance, Vocabulary.attendance), (.disposalMethod, Vocabulary.disposalMethods),
        (.recipient, Vocabulary.sharingRecipients), (.accessControl, Vocabulary.accessControl),
        (.observationKind, Vocabulary.observationKinds), (.incidentKind, Vocabulary.incidentKinds),
        (.discloser, Vocabulary.disclosers), (.disclosureManner, Vocabulary.disclosureManners),
        (.incidentRisk, Vocabulary.incidentRisks), (.recipientRole, Vocabulary.recipientRoles),
        (.disposer, Vocabulary.disposers), (.storagePeriod, Vocabulary.storagePeriods),
    ]

    @Test("every value of every vocabulary has English and Chinese words, and the table has no value the format lacks")
    func tableMatchesVocabulary() {
        for (kind, values) in Self.vocabularies {
            #expect(VocabularyLabels.codes(kind) == values, "\(kind)")
            for code in values {
                let label = VocabularyLabels.label(code, kind)
                #expect(label != nil, "\(kind) \(code)")
                #expect(label?.en.contains("_") == false, "\(kind) \(code): \(label?.en ?? "")")
                #expect(label?.zh.unicodeScalars.contains { $0.value > 0x2E80 } == true, "\(kind) \(code): \(label?.zh ?? "")")
            }
        }
    }

    @Test("a code is read in its own vocabulary; a code two vocabularies share reads neutrally")
    func kinds() {
        #expect(VocabularyLabels.words("shopping_mall", .venueType, .zh) == "购物中心")
        #expect(VocabularyLabels.words("inspection", .assessmentKind, .en) == "on-site inspection")
        #expect(VocabularyLabels.words("none", .disposalMethod, .en) == "no disposal")
        #expect(VocabularyLabels.words("none", .accessControl, .en) == "no access control")
        #expect(VocabularyLabels.label(anyKind: "none")?.zh == "无")
        #expect(VocabularyLabels.label(anyKind: "id_number")?.zh == "身份证号码")
        #expect(VocabularyLabels.words("north-gate-book", .method, .zh) == "north-gate-book")
    }

    @Test(
        "Chinese citations use Chinese numbering",
        arguments: [
            ("Art. 19", "第十九条"), ("Art. 10", "第十条"), ("Item 3", "第三项"), ("Art. 5 para. 2", "第五条第二款"),
            ("Art. 253-1", "第二百五十三条之一"), ("Art. 1038", "第一千零三十八条"), ("Arts. 47-48", "第四十七条至第四十八条"),
            ("Art. 13(1)(4)", "第十三条第一款第（四）项"), ("Art. 5(1)(c)", "第五条第一款第（c）项"), ("cl. 5.2", "第5.2条"),
            ("ch. 10", "第十章"), ("Art. 105", "第一百零五条"), ("Art. 110", "第一百一十条"), ("guidance", "指引"),
            ("DPP 4(1)", "保障资料第4(1)原则"), ("§ 17", "第十七条"), ("s. 8", "第八条"), ("Teil 1 § 3 Abs. 2", "Teil 1 § 3 Abs. 2"),
        ])
    func chineseCitation(label: String, zh: String) {
        let c = Citation(key: "x#y", instrument: LocalizedText("x"), provision: label, url: nil)
        #expect(c.provisionText(in: .zh) == zh)
        #expect(c.provisionText(in: .en) == label)
    }
}
