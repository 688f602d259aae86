import Testing

@testable import AuditBasics

@Suite("Personal data masker")
struct PersonalDataMaskerTests {
    private func masked(_ s: String) -> String { PersonalDataMasker.mask(s).text }

    @Test("18-digit ID numbers with a valid check digit keep their first and last four")
    func idNumbers() {
        #expect(masked("510104199001041237") == "5101**********1237")
        #expect(masked("ID 11010519491231002X.") == "ID 1101**********002X.")
        #expect(masked("id 11010519491231002x") == "id 1101**********002x")
        #expect(PersonalDataMasker.mask("510104199001041237").kinds == [.idNumber])
    }

    @Test("an 18-digit number with a wrong check digit or impossible birth date is not an ID number")
    func invalidIDNumbers() {
        #expect(masked("510104199001041238") == "510104199001041238")
        #expect(masked("51010419900104123X") == "51010419900104123X")
        #expect(masked("510104199013011231") == "510104199013011231")  // month 13
        #expect(PersonalDataMasker.hasValidIDCheckDigit("510104199001041237"))
        #expect(!PersonalDataMasker.hasValidIDCheckDigit("510104199001041230"))
        #expect(PersonalDataMasker.hasValidIDCheckDigit("11010519491231002X"))
    }

    @Test("the old 15-digit ID form is masked when its birth date is real")
    func fifteenDigitIDs() {
        #expect(masked("old id 510104900104123") == "old id 5101*******4123")
        #expect(masked("510104901304123") == "510104901304123")
    }

    @Test("ID numbers inside Chinese text are found; longer digit runs are left whole")
    func idBoundaries() {
        #expect(masked("身份证号510104199001041237，住址成都") == "身份证号5101**********1237，住址成都")
        #expect(masked("ID510104199001041237") == "ID5101**********1237")
        #expect(masked("5101041990010412370") == "5101041990010412370")
        #expect(masked("15101041990010412370") == "15101041990010412370")
    }

    @Test("mainland mobiles keep the first three and last four digits, with or without +86")
    func mobiles() {
        #expect(masked("13812345678") == "138****5678")
        #expect(masked("电话：13812345678。") == "电话：138****5678。")
        #expect(masked("+8613812345678") == "+86138****5678")
        #expect(masked("+86 13812345678") == "+86 138****5678")
        #expect(masked("+86-139-1234-5678") == "+86-139-****-5678")
        #expect(masked("0086 13812345678") == "0086 138****5678")
        #expect(masked("008613812345678") == "0086138****5678")
        #expect(masked("138 1234 5678") == "138 **** 5678")
        #expect(PersonalDataMasker.mask("13812345678").kinds == [.mobilePhone])
    }

    @Test("numbers that only look like mobiles are left alone")
    func notMobiles() {
        #expect(masked("12812345678") == "12812345678")  // 12x is no mobile prefix
        #expect(masked("138123456789") == "138123456789")  // 12 digits
        #expect(masked("1381234567") == "1381234567")  // 10 digits
        #expect(masked("138-1234-567") == "138-1234-567")
    }

    @Test("international numbers keep '+', the country code and the last four digits")
    func international() {
        #expect(masked("+44 20 7946 0958") == "+44 ** **** 0958")
        #expect(masked("call +1-202-555-0173 now") == "call +1-***-***-0173 now")
        #expect(masked("+1 (202) 555-0173") == "+1 (***) ***-0173")
        #expect(masked("+442079460958") == "+44******0958")
        #expect(PersonalDataMasker.mask("+44 20 7946 0958").kinds == [.phone])
    }

    @Test("mainland landlines with an area code are masked")
    func landlines() {
        #expect(masked("028-86123456") == "028-****3456")
        #expect(masked("0755-8612345") == "0755-***2345")
    }

    @Test("e-mail addresses keep the first character of the local part and the domain")
    func emails() {
        #expect(masked("dpo@example.cn") == "d***@example.cn")
        #expect(masked("联系zhang.wei+visits@mail.example.com.cn。") == "联系z***@mail.example.com.cn。")
        #expect(masked("13812345678@163.com") == "1***@163.com")
        #expect(masked("user@localhost") == "user@localhost")
        #expect(masked("a @ b") == "a @ b")
        #expect(PersonalDataMasker.mask("dpo@example.cn").kinds == [.email])
    }

    @Test("passport numbers: Chinese forms always, generic forms after a passport word")
    func passports() {
        #expect(masked("E12345678") == "E******78")
        #expect(masked("护照 G87654321") == "护照 G******21")
        #expect(masked("EA1234567") == "E******67")
        #expect(masked("Passport No. K1234567") == "Passport No. K*****67")
        #expect(masked("护照号码：AB1234567") == "护照号码：A******67")
        #expect(masked("K1234567") == "K1234567")  // no passport word
        #expect(masked("E123456789") == "E123456789")  // 9 digits after E: not the Chinese form
        #expect(PersonalDataMasker.mask("E12345678").kinds == [.passport])
    }

    @Test(
        "dates, rule ids, venue ids, paths and counts are never masked",
        arguments: [
            "2020-12-10", "as of 2020-12-10, 71 days", "CN-PIPL-19-RETENTION", "CN-SC-CD-JJ-000417",
            "VA-PRACTICE-SHRED", "samples/mall.yaml:14:7", "28 days; 1200 visitors; 3.14159265358979",
            "collection_points[north-gate-book]", "district epidemic order 2020-31 until 2021-01-31",
            "20201210083000", "photo-0012.jpg", "CN-GBT-35273-HEALTH-CODE", "v1.2.3", "100%",
            "NO-E12345678", "room E12345678B",
        ]
    )
    func leavesNonPersonalText(_ text: String) {
        let result = PersonalDataMasker.mask(text)
        #expect(result.text == text)
        #expect(!result.found)
    }

    @Test("several kinds in one text, and masking twice changes nothing more")
    func mixedAndIdempotent() {
        let text = "张伟 510104199001041237 tel 13812345678 mail zhang.wei@example.cn passport E12345678"
        let once = PersonalDataMasker.mask(text)
        #expect(once.text == "张伟 5101**********1237 tel 138****5678 mail z***@example.cn passport E******78")
        #expect(once.kinds == [.idNumber, .mobilePhone, .email, .passport])
        let twice = PersonalDataMasker.mask(once.text)
        #expect(twice.text == once.text)
        #expect(!twice.found)
    }

    @Test(
        "a mobile written with other forms of its characters is still masked",
        arguments: [
            ("139\u{00A0}0000\u{00A0}1234", "2-byte no-break space"), ("139\u{00AD}00001234", "2-byte soft hyphen"),
            ("139\u{3000}0000\u{3000}1234", "ideographic space"), ("139\u{2010}0000\u{2010}1234", "hyphen"),
            ("139\u{2212}0000\u{2212}1234", "minus"), ("\u{FF11}\u{FF13}\u{FF19}\u{FF10}\u{FF10}\u{FF10}\u{FF10}1234", "full-width"),
            ("139\u{200B}0000\u{FEFF}1234", "zero-width"), ("139\u{180E}00001234", "Mongolian vowel separator"),
            ("电话：139\u{FE63}0000\u{FE63}1234，谢谢", "small hyphen in Chinese text"),
        ]
    )
    func variantsAreNormalized(_ text: String, _ what: String) {
        let result = PersonalDataMasker.mask(text)
        #expect(result.found, "\(what)")
        #expect(!result.text.contains("0000"), "\(what)")
    }

    @Test("Chinese punctuation, other scripts and emoji are not changed by the normalizer")
    func normalizerLeavesOtherCharacters() {
        for text in ["登记簿放在开放桌面上，无人看管：（二）", "Grüße — café 😀 №５", "东门 A-1（二楼）", "１３９\u{3000}房 — 二楼"] {
            #expect(PersonalDataMasker.mask(text).text == text)
        }
        // A full-width digit in a text with no personal data is still left as written.
        #expect(masked("第５号门") == "第５号门")
    }

    @Test("text without a digit or '@' is returned as is")
    func fastPath() {
        let text = "register lies on an open table 登记簿放在开放桌面上"
        #expect(PersonalDataMasker.mask(text) == PersonalDataMasker.Result(text: text, kinds: []))
        #expect(masked("") == "")
    }

    @Test("the quick checks never let a text with personal data skip the scanner")
    func preCheckIsSound() {
        // Texts built from the pieces the patterns are made of, so that many of them match.
        let pieces = [
            "1", "3", "8", "0", "9", "5", "X", "E", "G", "Z", "a", "-", " ", ".", "(", ")", "+", "@", "86", "0086",
            "13812345678", "110105194912310029", "2020-12-10", "passport ", "护照", "d@x.cn", "+44 20 ", "010-",
            "１", "３８", "＠", "＋", "\u{3000}", "\u{2010}", "\u{200B}", "，",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var matched = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(1 + next() % 12) { text += pieces[next() % pieces.count] }
            let scanned = PersonalDataMasker.mask(text, quickCheck: false)
            #expect(PersonalDataMasker.mask(text) == scanned, "quick check changed \(text)")
            if scanned.found {
                matched += 1
                let source = TextNormalizer.normalize(text) ?? text
                #expect(PersonalDataMasker.mayContainPersonalData(source), "pre-check skipped \(text)")
            }
        }
        #expect(matched > 1_000)  // the generator does produce matches
        #expect(!PersonalDataMasker.mayContainPersonalData("not in force on 2020-12-10 (in force 2021-11-01 to -)"))
        #expect(!PersonalDataMasker.mayContainPersonalData("CN-SC-CD-JJ-000417 kept records 400 days"))
    }
}

@Suite("Text normalizer")
struct TextNormalizerTests {
    @Test("mapped characters are replaced, invisible ones dropped, everything else kept byte for byte")
    func normalizes() {
        #expect(TextNormalizer.normalize("登记簿，无人看管 😀") == nil)
        #expect(TextNormalizer.normalize("plain ascii 123") == nil)
        #expect(TextNormalizer.normalize("电话\u{FF11}\u{FF13}\u{FF19}\u{3000}0000\u{2010}12\u{200B}34＠例子。") == "电话139 0000-1234@例子。")
        #expect(TextNormalizer.normalize("\u{00A0}a\u{00AD}b\u{FEFF}") == " ab")
        #expect(TextNormalizer.normalize("😀\u{2212}😀") == "😀-😀")
    }
}
