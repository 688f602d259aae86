/// Finds personal data in free text (ID numbers, phone numbers, e-mail addresses, passport
/// numbers) and masks it, so that no report the tool writes becomes the next leak.
///
/// What is recognised, and how it is masked:
///
/// | Kind | Recognised | Masked as |
/// | --- | --- | --- |
/// | `idNumber` | 18-digit PRC resident ID (last may be `X`) with a plausible birth date and a valid ISO 7064 MOD 11-2 check digit; the old 15-digit form with a plausible birth date | first 4 and last 4 kept: `5101**********1237` |
/// | `mobilePhone` | mainland mobile `1[3-9]` + 9 digits, optionally after `+86`/`0086`, also written `138-1234-5678` or `138 1234 5678` | first 3 and last 4 kept: `138****5678` |
/// | `phone` | international numbers starting with `+` (8 to 15 digits in groups: `+44 20 7946 0958`, `+1-202-555-0173`); mainland landlines `0XX-XXXXXXXX` | `+`, country or area code and last 4 digits kept: `+44 ** **** 0958` |
/// | `email` | `local@domain.tld` | first character of the local part kept: `d***@example.cn` |
/// | `passport` | `E`/`G` + 8 digits, `E` + letter + 7 digits; any 1–2 letters + 7–9 digits when a passport word (`passport`, `护照`) comes shortly before | first character and last 2 kept: `E******78` |
///
/// A number only matches as a whole: a digit run that continues past the pattern is not split,
/// so dates (`2020-12-10`), rule ids (`CN-PIPL-19-RETENTION`), venue ids (`CN-SC-CD-JJ-000417`)
/// and counts stay as they are. An 18-digit number whose check digit is wrong is not treated as
/// an ID number. Masked output never matches again, so masking is idempotent.
///
/// All patterns are ASCII, so the masker works on UTF-8 bytes; any non-ASCII character (CJK
/// text around a number) is a boundary.
public enum PersonalDataMasker {
    /// The kinds of personal data the masker recognises.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case idNumber = "id_number"
        case mobilePhone = "mobile_phone"
        case phone
        case email
        case passport

        private var rank: Int {
            switch self {
            case .idNumber: 0
            case .mobilePhone: 1
            case .phone: 2
            case .email: 3
            case .passport: 4
            }
        }

        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    /// The masked text and the kinds that were found in it (empty when nothing was masked).
    public struct Result: Sendable, Hashable {
        public var text: String
        public var kinds: Set<Kind>

        public init(text: String, kinds: Set<Kind>) {
            self.text = text
            self.kinds = kinds
        }

        /// Whether anything was masked.
        public var found: Bool { !kinds.isEmpty }
    }

    /// A quick test that lets most texts skip the scanner. Every pattern needs one of: an '@'
    /// (e-mail), a '+' (international or +86 numbers), a run of at least 7 digits (ID numbers,
    /// mobiles written together, landline subscriber numbers, passports), or a 3-digit run
    /// starting with 1 and followed by a separator (a mobile written 138-1234-5678). Dates,
    /// counts and ids such as `2020-12-10` or `CN-SC-CD-JJ-000417` have none of these.
    static func mayContainPersonalData(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(mayContainPersonalData) ?? mayContainPersonalData(Array(text.utf8))
    }

    /// How many ASCII digits the bytes hold, whether one is '@' or '+', and whether any is not
    /// ASCII (a character the normalizer may turn into one of those).
    private static func byteCounts(_ bytes: UnsafeBufferPointer<UInt8>) -> (digits: Int, atOrPlus: Bool, nonASCII: Bool) {
        var digits = 0
        var signs: UInt8 = 0
        var high: UInt8 = 0
        for b in bytes {
            digits &+= b &- UInt8(ascii: "0") < 10 ? 1 : 0
            signs |= b == UInt8(ascii: "@") || b == UInt8(ascii: "+") ? 1 : 0
            high |= b
        }
        return (digits, signs != 0, high >= 0x80)
    }

    private static func mayContainPersonalData<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var run = 0
        var runStart: UInt8 = 0
        // Digits in groups joined by one or two separators (`139/0000/1234`, `(028)86001234`):
        // ten or more make a number worth scanning.
        var grouped = 0
        var separators = 0
        for b in bytes {
            if isDigit(b) {
                if run == 0 { runStart = b }
                run += 1
                grouped += 1
                separators = 0
                if run >= 7 || grouped >= 10 { return true }
                continue
            }
            if b == UInt8(ascii: "@") || b == UInt8(ascii: "+") { return true }
            if run == 3 && runStart == UInt8(ascii: "1") && isPhoneSeparator(b) { return true }
            run = 0
            separators += 1
            if separators > 2 || !(isPhoneSeparator(b) || b == UInt8(ascii: "/")) { grouped = 0 }
        }
        return false
    }

    /// Masks every piece of personal data in `text`.
    ///
    /// Writing a number differently does not hide it: full-width digits and letters, no-break
    /// and other spaces, dash variants and invisible format characters (zero-width spaces and
    /// joiners, direction marks) are first mapped to what they stand for (`TextNormalizer`);
    /// digits in groups with the separators people use (`139/0000/1234`, `(028)86001234`,
    /// `5101-0419-9901-0100-22`) are read as one number; e-mail addresses may hold letters of any
    /// script. When the normalised text holds nothing, the text is returned as it was.
    public static func mask(_ text: String) -> Result { mask(text, quickCheck: true) }

    /// `quickCheck: false` is for the test that the quick check never skips a text the scanner
    /// would mask.
    static func mask(_ text: String, quickCheck: Bool) -> Result {
        // Most texts (rule wording, "does not apply here", ids) have fewer than three digits
        // and no '@' or '+', which every pattern needs; one branch-free count over the bytes
        // lets them skip both the normalizer and the finer pre-check below.
        var copy = text
        let counts = copy.withUTF8(byteCounts)
        let fewSigns = counts.digits < 3 && !counts.atOrPlus
        if quickCheck && fewSigns && !counts.nonASCII { return Result(text: text, kinds: []) }
        let normalized = counts.nonASCII ? TextNormalizer.normalize(text) : nil
        if quickCheck && fewSigns && normalized == nil { return Result(text: text, kinds: []) }
        let source = normalized ?? text
        guard mayContainPersonalData(source) else { return Result(text: text, kinds: []) }

        var scanner = Scanner(bytes: Array(source.utf8))
        scanner.run()
        var bytes = scanner.output
        var kinds = scanner.kinds
        GroupedNumbers.mask(&bytes, kinds: &kinds)
        if normalized != nil || bytes.contains(where: { $0 >= 0x80 }) { UnicodeEmail.mask(&bytes, kinds: &kinds) }
        guard !kinds.isEmpty else { return Result(text: text, kinds: []) }
        return Result(text: String(decoding: bytes, as: UTF8.self), kinds: kinds)
    }

    /// Masks `text` and reports through `found` whether anything was masked.
    public static func mask(_ text: String, found: inout Bool) -> String {
        let result = mask(text)
        if result.found { found = true }
        return result.text
    }

    /// Whether `text` contains anything the masker would mask.
    public static func containsPersonalData(_ text: String) -> Bool { mask(text).found }

    /// Whether `digits` (17 digits and a final digit or `X`) carry a valid ISO 7064 MOD 11-2
    /// check digit, as PRC resident ID numbers (GB 11643-1999) do.
    public static func hasValidIDCheckDigit(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count == 18, bytes[0..<17].allSatisfy(isDigit) else { return false }
        return idCheckDigitValid(bytes, at: 0)
    }

    // MARK: - Scanner

    private struct Scanner {
        let bytes: [UInt8]
        var output: [UInt8] = []
        var kinds: Set<Kind> = []
        /// Where the text copied to `output` so far ends.
        private var copied = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            output.reserveCapacity(bytes.count)
        }

        mutating func run() {
            var i = 0
            while i < bytes.count {
                if let end = match(at: i) {
                    i = end
                } else {
                    i += 1
                }
            }
            output.append(contentsOf: bytes[copied...])
        }

        /// Tries every pattern that may start at `i`; on a match, writes its masked form and
        /// returns the index after it.
        private mutating func match(at i: Int) -> Int? {
            let b = bytes[i]
            if isEmailLocal(b), let m = email(at: i) { return replace(m) }
            let previous = byte(i - 1)
            if b == UInt8(ascii: "+") {
                guard !isAlnum(previous) else { return nil }
                if let m = mobile(at: i) ?? international(at: i) { return replace(m) }
            } else if isDigit(b) {
                guard !isDigit(previous) else { return nil }
                if let m = idNumber(at: i) ?? mobile(at: i) ?? landline(at: i) { return replace(m) }
            } else if isLetter(b) {
                guard !isAlnum(previous), previous != UInt8(ascii: "-"), previous != UInt8(ascii: "_") else {
                    return nil
                }
                if let m = passport(at: i) { return replace(m) }
            }
            return nil
        }

        private mutating func replace(_ m: Match) -> Int {
            output.append(contentsOf: bytes[copied..<m.range.lowerBound])
            output.append(contentsOf: m.masked)
            copied = m.range.upperBound
            kinds.insert(m.kind)
            return m.range.upperBound
        }

        private func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

        /// The length of the digit run starting at `i`.
        private func digitRun(at i: Int) -> Int {
            var j = i
            while j < bytes.count, isDigit(bytes[j]) { j += 1 }
            return j - i
        }

        // MARK: ID numbers

        private func idNumber(at i: Int) -> Match? {
            let run = digitRun(at: i)
            if run == 17, byte(i + 17) == UInt8(ascii: "X") || byte(i + 17) == UInt8(ascii: "x"),
                !isAlnum(byte(i + 18)), plausibleID18(at: i)
            {
                return Match(range: i..<i + 18, masked: keep(i..<i + 18, first: 4, last: 4), kind: .idNumber)
            }
            if run == 18, plausibleID18(at: i) {
                return Match(range: i..<i + 18, masked: keep(i..<i + 18, first: 4, last: 4), kind: .idNumber)
            }
            if run == 15, bytes[i] != UInt8(ascii: "0"),
                validDate(year: 1900 + number(i + 6, 2), month: number(i + 8, 2), day: number(i + 10, 2))
            {
                return Match(range: i..<i + 15, masked: keep(i..<i + 15, first: 4, last: 4), kind: .idNumber)
            }
            return nil
        }

        private func plausibleID18(at i: Int) -> Bool {
            guard bytes[i] != UInt8(ascii: "0") else { return false }
            let year = number(i + 6, 4)
            guard (1800...2199).contains(year), validDate(year: year, month: number(i + 10, 2), day: number(i + 12, 2))
            else { return false }
            return idCheckDigitValid(bytes, at: i)
        }

        // MARK: Phones

        /// A mainland mobile, with an optional `+86`/`0086` prefix and optional 3-4-4 grouping.
        private func mobile(at i: Int) -> Match? {
            var j = i  // where the 11 digits start
            if bytes[i] == UInt8(ascii: "+") {
                guard byte(i + 1) == UInt8(ascii: "8"), byte(i + 2) == UInt8(ascii: "6") else { return nil }
                j = i + 3
                if isPhoneSeparator(byte(j)) { j += 1 }
            } else if startsWith0086(at: i) {
                let run = digitRun(at: i)
                if run == 4, isPhoneSeparator(byte(i + 4)) {
                    j = i + 5
                } else if run == 15 {
                    j = i + 4
                } else {
                    return nil
                }
            }
            guard byte(j) == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(byte(j + 1)) else {
                return nil
            }
            let run = digitRun(at: j)
            if run == 11 {
                let masked = Array(bytes[i..<j]) + keep(j..<j + 11, first: 3, last: 4)
                return Match(range: i..<j + 11, masked: masked, kind: .mobilePhone)
            }
            // 138-1234-5678 or 138 1234 5678: the same separator twice.
            let separator = byte(j + 3)
            guard run == 3, isPhoneSeparator(separator), digitRun(at: j + 4) == 4, byte(j + 8) == separator,
                digitRun(at: j + 9) == 4
            else { return nil }
            let masked = Array(bytes[i..<j + 4]) + Array(repeating: UInt8(ascii: "*"), count: 4) + bytes[j + 8..<j + 13]
            return Match(range: i..<j + 13, masked: masked, kind: .mobilePhone)
        }

        private func startsWith0086(at i: Int) -> Bool {
            byte(i) == UInt8(ascii: "0") && byte(i + 1) == UInt8(ascii: "0") && byte(i + 2) == UInt8(ascii: "8")
                && byte(i + 3) == UInt8(ascii: "6")
        }

        /// `+` and a country code, then groups of 2 to 8 digits after one or two separators
        /// (space, hyphen, dot, parentheses), 8 to 15 digits in all (E.164); or `+` and 8 to 15
        /// digits run together.
        private func international(at i: Int) -> Match? {
            let first = digitRun(at: i + 1)
            guard first >= 1, byte(i + 1) != UInt8(ascii: "0") else { return nil }
            var end = i + 1 + first
            var digits = first
            var kept = first
            if first >= 8 {
                guard first <= 15 else { return nil }
                kept = 2
            } else {
                guard first <= 4 else { return nil }
                while true {
                    var k = end
                    var separators = 0
                    while separators < 2, isPhoneSeparator(byte(k)) {
                        k += 1
                        separators += 1
                    }
                    let run = digitRun(at: k)
                    guard separators > 0, (2...8).contains(run), digits + run <= 15 else { break }
                    digits += run
                    end = k + run
                }
            }
            guard digits >= 8, !isAlnum(byte(end)) else { return nil }
            // Keep '+', the country code, the separators and the last four digits.
            var masked: [UInt8] = []
            var seen = 0
            for k in i..<end {
                let c = bytes[k]
                if isDigit(c) {
                    seen += 1
                    masked.append(seen <= kept || seen > digits - 4 ? c : UInt8(ascii: "*"))
                } else {
                    masked.append(c)
                }
            }
            return Match(range: i..<end, masked: masked, kind: .phone)
        }

        /// A mainland landline: `0` and a 2- or 3-digit area code, a hyphen, 7 or 8 digits.
        private func landline(at i: Int) -> Match? {
            let area = digitRun(at: i)
            guard bytes[i] == UInt8(ascii: "0"), area == 3 || area == 4, byte(i + 1) != UInt8(ascii: "0"),
                byte(i + area) == UInt8(ascii: "-")
            else { return nil }
            let start = i + area + 1
            let run = digitRun(at: start)
            guard run == 7 || run == 8, !isAlnum(byte(start + run)), byte(start + run) != UInt8(ascii: "-") else {
                return nil
            }
            var masked = Array(bytes[i..<start])
            masked += keep(start..<start + run, first: 0, last: 4)
            return Match(range: i..<start + run, masked: masked, kind: .phone)
        }

        // MARK: E-mail

        /// Called on each byte that may start a local part; matches when the local part runs
        /// up to an '@' followed by a domain with a dot and a letter TLD.
        private func email(at i: Int) -> Match? {
            guard !isEmailLocal(byte(i - 1)), bytes[i] != UInt8(ascii: ".") else { return nil }
            var at = i
            while at < bytes.count, isEmailLocal(bytes[at]) { at += 1 }
            guard at > i, byte(at) == UInt8(ascii: "@") else { return nil }
            var end = at + 1
            var lastDot = -1
            while end < bytes.count,
                isAlnum(bytes[end]) || bytes[end] == UInt8(ascii: "-")
                    || (bytes[end] == UInt8(ascii: ".") && isAlnum(byte(end + 1)))
            {
                if bytes[end] == UInt8(ascii: ".") { lastDot = end }
                end += 1
            }
            guard lastDot > at + 1, end - lastDot - 1 >= 2, (lastDot + 1..<end).allSatisfy({ isLetter(bytes[$0]) })
            else { return nil }
            var masked: [UInt8] = [bytes[i]] + Array("***".utf8)
            masked += bytes[at..<end]
            return Match(range: i..<end, masked: masked, kind: .email)
        }

        // MARK: Passports

        private func passport(at i: Int) -> Match? {
            var letters = 0
            while letters < 3, isLetter(byte(i + letters)) { letters += 1 }
            guard letters == 1 || letters == 2 else { return nil }
            let run = digitRun(at: i + letters)
            let end = i + letters + run
            guard (7...9).contains(run), !isAlnum(byte(end)), byte(end) != UInt8(ascii: "-") else { return nil }
            let first = bytes[i] & 0xDF  // upper case
            let chinese =
                (letters == 1 && run == 8 && (first == UInt8(ascii: "E") || first == UInt8(ascii: "G")))
                || (letters == 2 && run == 7 && first == UInt8(ascii: "E"))
            guard chinese || passportWordBefore(i) else { return nil }
            return Match(range: i..<end, masked: keep(i..<end, first: 1, last: 2), kind: .passport)
        }

        /// Whether "passport" (any case) or "护照" ends within 24 bytes before `i`.
        private func passportWordBefore(_ i: Int) -> Bool {
            let window = Array(bytes[max(0, i - 24)..<i])
            let lower = window.map { isLetter($0) ? $0 | 0x20 : $0 }
            return contains(lower, Array("passport".utf8)) || contains(window, Array("护照".utf8))
        }

        private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
            guard haystack.count >= needle.count else { return false }
            for s in 0...(haystack.count - needle.count) where haystack[s..<s + needle.count].elementsEqual(needle) {
                return true
            }
            return false
        }

        // MARK: Helpers

        private func number(_ i: Int, _ count: Int) -> Int {
            var value = 0
            for k in i..<i + count {
                let b = byte(k)
                guard isDigit(b) else { return -1 }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }

        /// The bytes of `range` with all but the first `first` and last `last` replaced by '*'.
        private func keep(_ range: Range<Int>, first: Int, last: Int) -> [UInt8] {
            var out = Array(bytes[range])
            for k in first..<max(first, out.count - last) { out[k] = UInt8(ascii: "*") }
            return out
        }
    }

    private struct Match {
        var range: Range<Int>
        var masked: [UInt8]
        var kind: Kind
    }

    // MARK: - Byte classes

    private static func validDate(year: Int, month: Int, day: Int) -> Bool {
        CivilDate(year: year, month: month, day: day) != nil
    }

    /// ISO 7064 MOD 11-2 over `bytes[i..<i+17]` against the check character at `i+17`.
    private static func idCheckDigitValid(_ bytes: [UInt8], at i: Int) -> Bool {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for k in 0..<17 { sum += Int(bytes[i + k] - UInt8(ascii: "0")) * weights[k] }
        let expected = Array("10X98765432".utf8)[sum % 11]
        let actual = bytes[i + 17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : bytes[i + 17]
        return actual == expected
    }
}

private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
private func isLetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
}
private func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
private func isPhoneSeparator(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "(")
        || b == UInt8(ascii: ")")
}
private func isEmailLocal(_ b: UInt8) -> Bool {
    isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
        || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
}
