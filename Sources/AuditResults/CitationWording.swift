import AuditBasics

extension Citation {
    /// The provision as a reader of `language` cites it. English keeps the registry's label
    /// (`Art. 19`, `Item 3`, `Art. 5 para. 1`); Chinese numbers articles, paragraphs and items
    /// the Chinese way (第十九条, 第三项, 第五条第一款, 第二百五十三条之一). Sections of other laws
    /// (`s. 8`, `§ 17`, `DPP 4(1)`) and the named parts of guidance documents ("retention") are
    /// put into Chinese too; a label this does not know stays as written.
    public func provisionText(in language: Language) -> String {
        language == .zh ? Self.chineseProvision(provision) : provision
    }

    /// `Art. 13(1)(4)` → 第十三条第一款第（四）项; see `provisionText(in:)`.
    static func chineseProvision(_ label: String) -> String {
        let text = label
        if let rest = text.dropPrefix("Arts. "), let dash = rest.firstIndex(of: "-"),
            let a = Int(rest[..<dash]), let b = Int(rest[rest.index(after: dash)...])
        {
            return "第\(chineseNumber(a))条至第\(chineseNumber(b))条"
        }
        if let rest = text.dropPrefix("Art. ") { return article(rest) ?? label }
        if let rest = text.dropPrefix("Item "), let n = Int(rest) { return "第\(chineseNumber(n))项" }
        if let rest = text.dropPrefix("ch. "), let n = Int(rest) { return "第\(chineseNumber(n))章" }
        if let rest = text.dropPrefix("cl. "), !rest.isEmpty, rest.allSatisfy({ $0.isNumber || $0 == "." }) {
            return "第\(rest)条"
        }
        if let rest = text.dropPrefix("s. "), let n = Int(rest) { return "第\(chineseNumber(n))条" }
        if let rest = text.dropPrefix("§ "), let n = Int(rest) { return "第\(chineseNumber(n))条" }
        if let rest = text.dropPrefix("DPP ") { return "保障资料第\(rest)原则" }
        return namedParts[text] ?? label
    }

    /// The registry's labels for unnumbered parts of guidance documents, in Chinese.
    private static let namedParts: [String: String] = [
        "advisory": "咨询意见", "contact-information definition": "联系信息的定义", "customer records": "顾客记录",
        "data safeguards": "数据保护措施", "data to collect": "应收集的信息", "directions": "指令", "disposal": "销毁",
        "electronic record keeping": "电子记录保存", "entry log": "出入登记", "guidance": "指引", "guidelines": "指南",
        "measures": "措施", "record keeping": "记录保存", "retention": "保存期限", "storage": "存放",
        "summary": "概述", "traceability rule": "可追溯性规定", "use": "用途", "visibility": "可见性",
        "duty to collect (regulation no. not verified)": "收集义务（条例编号未核实）",
    ]

    /// `19`, `253-1`, `5 para. 1`, `13(1)(4)`, `5(1)(c)` as Chinese; nil for anything else.
    private static func article(_ rest: Substring) -> String? {
        var digits = rest.prefix { $0.isNumber }
        guard let number = Int(digits) else { return nil }
        var out = "第\(chineseNumber(number))条"
        var tail = rest.dropFirst(digits.count)
        if tail.hasPrefix("-") {
            digits = tail.dropFirst().prefix { $0.isNumber }
            guard let sub = Int(digits) else { return nil }
            out += "之\(chineseNumber(sub))"
            tail = tail.dropFirst(1 + digits.count)
        }
        if let para = tail.dropPrefix(" para. "), let n = Int(para) { return out + "第\(chineseNumber(n))款" }
        // Parenthesised parts: the first number is a paragraph (款), later ones and letters are items (项).
        var first = true
        while tail.hasPrefix("(") {
            guard let close = tail.firstIndex(of: ")") else { return nil }
            let part = tail[tail.index(after: tail.startIndex)..<close]
            if first, let n = Int(part) {
                out += "第\(chineseNumber(n))款"
            } else if let n = Int(part) {
                out += "第（\(chineseNumber(n))）项"
            } else if !part.isEmpty, part.allSatisfy({ $0.isLetter && $0.isASCII }) {
                out += "第（\(part)）项"
            } else {
                return nil
            }
            first = false
            tail = tail[tail.index(after: close)...]
        }
        return tail.isEmpty ? out : nil
    }

    /// 1 → 一, 10 → 十, 19 → 十九, 105 → 一百零五, 253 → 二百五十三, 1038 → 一千零三十八
    /// (0 to 9999; larger numbers stay in digits).
    static func chineseNumber(_ n: Int) -> String {
        let digit = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n >= 0, n < 10_000 else { return String(n) }
        if n < 10 { return digit[n] }
        if n < 20 { return "十" + (n == 10 ? "" : digit[n - 10]) }
        let units = [(1000, "千"), (100, "百"), (10, "十")]
        var out = ""
        var rest = n
        var pendingZero = false
        for (value, name) in units {
            let d = rest / value
            rest %= value
            if d > 0 {
                if pendingZero { out += "零" }
                out += digit[d] + name
                pendingZero = false
            } else if !out.isEmpty {
                pendingZero = true
            }
        }
        if rest > 0 { out += (pendingZero ? "零" : "") + digit[rest] }
        return out
    }
}

extension StringProtocol {
    fileprivate func dropPrefix(_ prefix: String) -> SubSequence? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
