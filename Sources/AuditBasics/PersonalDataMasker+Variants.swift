// The ways of writing personal data that the byte scanner of `PersonalDataMasker` does not see
// by itself: other Unicode forms of the same characters, digits in groups, and e-mail addresses
// in other scripts.

/// Maps the characters that only look different to what they stand for, as NFKC does for them,
/// and drops invisible format characters: full-width digits, letters and the punctuation of
/// numbers and addresses (`１３９`, `＠`), the ideographic and
/// no-break spaces, dash variants, and zero-width spaces, joiners and direction marks. Only
/// these: a full NFKC pass would also change characters no pattern reads.
enum TextNormalizer {
    /// What a character becomes.
    private enum Mapping { case keep, shift, space, hyphen, drop }

    private static func mapping(_ v: UInt32) -> Mapping {
        switch v {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF05, 0xFF08, 0xFF09, 0xFF0B, 0xFF0D...0xFF0F, 0xFF20, 0xFF3F:
            // Full-width digits, letters and the punctuation numbers and addresses are
            // written with; not the full-width commas and colons of Chinese text.
            .shift
        case 0x3000, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F: .space
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: .hyphen  // hyphens, dashes, minus
        case 0x00AD, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF:
            .drop  // invisible: soft hyphen, zero-width, joiners, direction marks
        default: .keep
        }
    }

    /// The normalised text, or nil when `text` holds none of these characters (the common
    /// case, decided on the UTF-8 bytes: only the lead bytes of multi-byte characters are
    /// decoded).
    static func normalize(_ text: String) -> String? {
        var copy = text
        return copy.withUTF8 { bytes in
            guard needsNormalizing(bytes) else { return nil }
            // Runs of characters that stay are copied whole; only the mapped ones are written.
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            var kept = 0
            while i < bytes.count {
                let b = bytes[i]
                let length = b < 0xC2 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                guard length == 2 || length == 3, i + length <= bytes.count else {
                    i += length
                    continue
                }
                let v =
                    length == 2
                    ? UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    : UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                let mapped = mapping(v)
                if mapped != .keep {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<i]))
                    switch mapped {
                    case .shift: out.append(UInt8(truncatingIfNeeded: v - 0xFEE0))
                    case .space: out.append(UInt8(ascii: " "))
                    case .hyphen: out.append(UInt8(ascii: "-"))
                    case .drop, .keep: break
                    }
                    kept = i + length
                }
                i += length
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<min(i, bytes.count)]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether any character of the valid UTF-8 in `bytes` maps to something else. Every
    /// such character is two or three bytes long, so ASCII and four-byte sequences are skipped.
    private static func needsNormalizing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0xC2 {
                i += 1
            } else if b < 0xE0 {
                guard i + 1 < n else { return false }
                if mapping(UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)) != .keep { return true }
                i += 2
            } else if b < 0xF0 {
                guard i + 2 < n else { return false }
                let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                if mapping(v) != .keep { return true }
                i += 3
            } else {
                i += 4
            }
        }
        return false
    }
}

/// Numbers written in groups: `139/0000/1234`, `(139) 0000 1234`, `(028)86001234`,
/// `028 8600 1234`, `5101-0419-9901-0100-22`, `510104 19990101 0022`. A span of digit groups
/// joined by single separators (space, `-`, `/`, `.`, parentheses) is read as one number; when
/// its digits are an ID number, a mainland mobile (after an optional 86 or 0086) or a mainland
/// landline, its digits are masked as the scanner masks the number written together, and the
/// separators are kept. Runs after the scanner, whose masks (`*`) end a span.
enum GroupedNumbers {
    static func mask(_ bytes: inout [UInt8], kinds: inout Set<PersonalDataMasker.Kind>) {
        var i = 0
        while i < bytes.count {
            guard isDigitByte(bytes[i]) || bytes[i] == UInt8(ascii: "("), i == 0 || !isWordByte(bytes[i - 1]) else {
                i += 1
                continue
            }
            // The span's groups: the positions of each group's digits.
            var groups: [[Int]] = []
            var current: [Int] = []
            var digitCount = 0
            var j = i
            while j < bytes.count, groups.count < 40 {
                let b = bytes[j]
                if isDigitByte(b) || ((b == UInt8(ascii: "X") || b == UInt8(ascii: "x")) && digitCount == 17 && !current.isEmpty) {
                    current.append(j)
                    digitCount += 1
                    j += 1
                } else if isGroupSeparator(b) {
                    // One or two separators in a row, as in "(139) 0000", then a digit.
                    var k = j
                    var run = 0
                    while k < bytes.count, isGroupSeparator(bytes[k]), run < 2 { k += 1; run += 1 }
                    guard k < bytes.count, isDigitByte(bytes[k]) else { break }
                    if !current.isEmpty { groups.append(current) }
                    current = []
                    j = k
                } else {
                    break
                }
            }
            if !current.isEmpty { groups.append(current) }
            let end = j
            defer { i = max(end, i + 1) }
            guard groups.count >= 2, end == bytes.count || !isWordByte(bytes[end]) else { continue }
            // The longest run of two or more whole groups that is a number worth masking, so a
            // list marker before it ("(3) 139 0000 1234") or a year after it does not hide it.
            var a = 0
            while a < groups.count - 1 {
                var matched = false
                for b in stride(from: groups.count - 1, to: a, by: -1) {
                    let positions = groups[a...b].flatMap { $0 }
                    guard positions.count >= 10, let (kind, keepFirst) = classify(positions.map { bytes[$0] }) else { continue }
                    for (n, position) in positions.enumerated() where n >= keepFirst && n < positions.count - 4 {
                        bytes[position] = UInt8(ascii: "*")
                    }
                    kinds.insert(kind)
                    a = b + 1
                    matched = true
                    break
                }
                if !matched { a += 1 }
            }
        }
    }

    /// What the digits are, and how many leading digits stay visible.
    private static func classify(_ d: [UInt8]) -> (PersonalDataMasker.Kind, Int)? {
        if d.count == 18, PersonalDataMasker.hasValidIDCheckDigit(String(decoding: d, as: UTF8.self)) {
            return (.idNumber, 4)
        }
        var mobile = d[...]
        if mobile.starts(with: Array("0086".utf8)) {
            mobile = mobile.dropFirst(4)
        } else if mobile.count == 13, mobile.starts(with: Array("86".utf8)) {
            mobile = mobile.dropFirst(2)
        }
        if mobile.count == 11, mobile.first == UInt8(ascii: "1"),
            (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(mobile.dropFirst().first!)
        {
            return (.mobilePhone, d.count - 8)
        }
        // 0, a 2- or 3-digit area code not starting with 0, then 7 or 8 digits.
        if (10...12).contains(d.count), d[0] == UInt8(ascii: "0"), d[1] != UInt8(ascii: "0") {
            return (.phone, d.count - 8 > 3 ? 4 : 3)
        }
        return nil
    }
}

/// E-mail addresses whose local part or domain holds letters of other scripts
/// (`张伟@例子.公司`), which the ASCII scanner does not read. Masked the same way: the first
/// character of the local part and the domain are kept.
enum UnicodeEmail {
    static func mask(_ bytes: inout [UInt8], kinds: inout Set<PersonalDataMasker.Kind>) {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var changed = false
        var copied = 0
        while i < scalars.count {
            guard scalars[i] == "@" else {
                i += 1
                continue
            }
            var start = i
            while start > copied, isLocal(scalars[start - 1]) { start -= 1 }
            var end = i + 1
            var lastDot = -1
            while end < scalars.count,
                isDomain(scalars[end]) || (scalars[end] == "." && end + 1 < scalars.count && isDomain(scalars[end + 1]))
            {
                if scalars[end] == "." { lastDot = end }
                end += 1
            }
            let local = scalars[start..<i]
            let hasOtherScript = scalars[start..<end].contains { !$0.isASCII }
            guard start < i, local.first != ".", lastDot > i + 1, end - lastDot - 1 >= 2, hasOtherScript,
                !local.contains("*")
            else {
                i += 1
                continue
            }
            out.append(contentsOf: scalars[copied..<start])
            out.append(scalars[start])
            out.append(contentsOf: "***".unicodeScalars)
            out.append(contentsOf: scalars[i..<end])
            copied = end
            changed = true
            i = end
        }
        guard changed else { return }
        out.append(contentsOf: scalars[copied...])
        bytes = Array(String(out).utf8)
        kinds.insert(.email)
    }

    private static func isLocal(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil || "._%+-".unicodeScalars.contains(u)
    }

    private static func isDomain(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil || u == "-"
    }
}

private func isDigitByte(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
private func isWordByte(_ b: UInt8) -> Bool {
    isDigitByte(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        || b == UInt8(ascii: "_") || b == UInt8(ascii: "*")
}
private func isGroupSeparator(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".") || b == UInt8(ascii: "(")
        || b == UInt8(ascii: ")")
}
