import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import VenueModel

/// The questionnaire as an HTML form: plain controls, no script, one column that fits a phone.
/// Adding or removing an item is a submit button that sends every answer back, and the form
/// comes back with them filled in.
struct QuestionnairePage {
    let language: Language
    let answers: Questionnaire.Answers
    let csrf: String

    var zh: Bool { language == .zh }
    var w: Words { Words(zh: zh) }

    struct Words {
        let zh: Bool
        var title: String { zh ? "个人信息处理自查问卷" : "Self-assessment questionnaire" }
        var intro: String {
            zh
                ? "逐项回答场所如何收集和保管访客信息。不确定的问题请选“不知道”：报告会显示“未知”（证据不足），而不会算作合格。答案不保存、不记录日志。"
                : "Answer how your venue collects and keeps visitors' personal data. Where you are not sure, choose \"I don't know\": the report then shows the check as unknown (not enough evidence), never as a pass. Your answers are neither stored nor logged."
        }
        var yes: String { zh ? "是" : "Yes" }
        var no: String { zh ? "否" : "No" }
        var dontKnow: String { zh ? "不知道" : "I don't know" }
        var noneOfThese: String { zh ? "以上都没有" : "None of these" }
        var noneAtAll: String { zh ? "没有（一项也没有）" : "None (there are none)" }
        var null: String { zh ? "无" : "None" }
        func add(_ item: String) -> String { zh ? "增加一个\(item)" : "Add a\("aeiou".contains(item.prefix(1)) ? "n" : "") \(item)" }
        func remove(_ item: String) -> String { zh ? "删除此\(item)" : "Remove this \(item)" }
        var commas: String { zh ? "多项用逗号分隔；留空表示不知道。" : "Separate several with commas; leave empty if you don't know." }
        var emptyUnknown: String { zh ? "留空表示不知道。" : "Leave empty if you don't know." }
        var dateHint: String { zh ? "格式 YYYY-MM-DD；留空表示不知道。" : "Written YYYY-MM-DD; leave empty if you don't know." }
        var monthHint: String {
            zh
                ? "格式 YYYY-MM-DD，只知道月份时写 YYYY-MM；留空表示不知道。"
                : "Written YYYY-MM-DD, or YYYY-MM if you only know the month; leave empty if you don't know."
        }
        var check: String { zh ? "生成报告" : "See the report" }
        var errorsHeading: String { zh ? "这些答案有误，未生成报告" : "Some answers need correcting before the report can be made" }
        func item(_ name: String, _ i: Int) -> String { zh ? "\(name) \(i)" : "\(name.prefix(1).uppercased())\(name.dropFirst()) \(i)" }
        var downloadYAML: String { zh ? "下载场所描述（YAML）" : "Download the description (YAML)" }
        var downloadXML: String { zh ? "下载 XML 报告" : "Download the XML report" }
        var edit: String { zh ? "修改答案" : "Change the answers" }
        var resultNote: String {
            zh ? "这是根据您的答案生成的报告，未保存。" : "This report was made from your answers and has not been stored."
        }
    }

    /// The question's label: in Chinese the table's text; in English the field's name in words
    /// (`visible_to_other_visitors` reads "Visible to other visitors"), its doc then shown as help.
    func question(_ owner: ObjectShape, _ field: FieldShape) -> String {
        if zh { return QuestionTexts.zh["\(owner.name).\(field.name)"] ?? field.doc }
        let words = field.name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The help under an English question: the field's doc from the schema.
    func help(_ field: FieldShape) -> String {
        zh || field.doc.isEmpty ? "" : "<small class=\"help\">\(Markup.escape(field.doc))</small>"
    }

    func section(_ object: ObjectShape) -> String {
        zh ? QuestionTexts.zh[object.name] ?? object.doc : object.doc
    }

    static func id(_ path: String) -> String {
        "q-" + path.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? String($0) : "-" }.joined()
    }

    /// The whole page; `errors` are the reader's diagnostics for the last submission.
    func render(errors: [String] = []) -> String {
        var body = "<p>\(Markup.escape(w.intro))</p>\n"
        if !errors.isEmpty {
            body += "<div class=\"error\" role=\"alert\"><h2>\(Markup.escape(w.errorsHeading))</h2><ul>"
            body += errors.map { "<li>\(Markup.escape($0))</li>" }.joined()
            body += "</ul></div>\n"
        }
        body += """
            <form method="post" action="/assess" class="questionnaire">
            <input type="hidden" name="csrf" value="\(Markup.escape(csrf))">
            <input type="hidden" name="lang" value="\(language.rawValue)">
            <button type="submit" name="action" value="audit" class="default-submit" tabindex="-1" aria-hidden="true">\(Markup.escape(w.check))</button>

            """
        for field in VenueSchema.root.fields where Questionnaire.asked.contains(field.name) {
            let title = zh ? QuestionTexts.zh["\(VenueSchema.root.name).\(field.name)"] ?? field.doc : field.doc
            body += "<section id=\"\(Self.id(field.name))\">\n<h2>\(Markup.escape(title))</h2>\n"
            switch field.shape {
            case .object(let object): body += fields(object, path: field.name)
            default: body += control(VenueSchema.root, field, path: field.name, showLabel: false)
            }
            body += "</section>\n"
        }
        body +=
            "<p><button type=\"submit\" name=\"action\" value=\"audit\" class=\"primary\">\(Markup.escape(w.check))</button></p>\n</form>"
        return Pages.page(language, title: w.title, body: body, path: "/assess")
    }

    func fields(_ object: ObjectShape, path: String) -> String {
        object.fields.filter { Questionnaire.fixed["\(path).\($0.name)"] == nil }.map { control(object, $0, path: "\(path).\($0.name)") }
            .joined()
    }

    /// One question: its label, its control(s), and its "I don't know".
    func control(_ owner: ObjectShape, _ field: FieldShape, path: String, showLabel: Bool = true) -> String {
        let id = Self.id(path)
        let label =
            Markup.escape(question(owner, field)) + (field.required ? " <span class=\"req\">\(zh ? "（必填）" : "(required)")</span>" : "")
            + help(field)
        let required = field.required ? " required" : ""
        switch field.shape {
        case .string:
            let value = answers.text(path) ?? (field.required ? defaultID(path) : "")
            return """
                <div class="q"><label for="\(id)">\(label)</label>
                <input type="text" id="\(id)" name="\(Markup.escape(path))" value="\(Markup.escape(value))"\(required)></div>

                """
        case .integer(let minimum):
            return number(id, path, label, extra: " inputmode=\"numeric\" step=\"1\"" + (minimum.map { " min=\"\($0)\"" } ?? ""))
        case .number:
            return number(id, path, label, extra: " inputmode=\"decimal\" step=\"any\" min=\"0\"")
        case .date, .dateOrMonth:
            let hint = field.shape.isDateOnly ? w.dateHint : w.monthHint
            return """
                <div class="q"><label for="\(id)">\(label)</label>
                <input type="text" id="\(id)" name="\(Markup.escape(path))" value="\(Markup.escape(answers.text(path) ?? ""))" inputmode="numeric" placeholder="\(field.shape.isDateOnly ? "YYYY-MM-DD" : "YYYY-MM-DD / YYYY-MM")" aria-describedby="\(id)-hint">
                <small id="\(id)-hint">\(Markup.escape(hint))</small></div>

                """
        case .boolean:
            let chosen = answers.text(path) ?? ""
            let options = [("true", w.yes), ("false", w.no), ("", w.dontKnow)].map { value, text in
                "<label class=\"choice\"><input type=\"radio\" name=\"\(Markup.escape(path))\" value=\"\(value)\"\(chosen == value ? " checked" : "")> \(Markup.escape(text))</label>"
            }.joined(separator: "\n")
            return "<fieldset class=\"q\" id=\"\(id)\"><legend>\(label)</legend>\n\(options)</fieldset>\n"
        case .enumeration(_, let codes):
            let chosen = answers.text(path) ?? ""
            var options = "<option value=\"\">\(Markup.escape(w.dontKnow))</option>"
            for code in codes {
                options +=
                    "<option value=\"\(Markup.escape(code))\"\(chosen == code ? " selected" : "")>\(Markup.escape(words(code, codes)))</option>"
            }
            return
                "<div class=\"q\"><label for=\"\(id)\">\(label)</label>\n<select id=\"\(id)\" name=\"\(Markup.escape(path))\">\(options)</select></div>\n"
        case .list(.enumeration(_, let codes)):
            let chosen = Set(answers.all(path))
            var boxes = codes.map { code in
                "<label class=\"choice\"><input type=\"checkbox\" name=\"\(Markup.escape(path))\" value=\"\(Markup.escape(code))\"\(chosen.contains(code) ? " checked" : "")> \(Markup.escape(words(code, codes)))</label>"
            }
            boxes.append(noneBox(path, w.noneOfThese))
            return
                "<fieldset class=\"q checks\" id=\"\(id)\"><legend>\(label)</legend>\n\(boxes.joined(separator: "\n"))\n<small>\(Markup.escape(zh ? "什么都不勾选表示不知道。" : "Nothing ticked means you don't know."))</small></fieldset>\n"
        case .list(.object(let object)):
            return list(object, path: path, label: showLabel ? label : nil)
        case .list:
            return """
                <div class="q"><label for="\(id)">\(label)</label>
                <input type="text" id="\(id)" name="\(Markup.escape(path))" value="\(Markup.escape(answers.all(path).joined(separator: ", ")))" aria-describedby="\(id)-hint">
                <small id="\(id)-hint">\(Markup.escape(w.commas))</small>
                \(noneBox(path, w.noneAtAll))</div>

                """
        case .object(let object):
            return
                "<fieldset class=\"group\" id=\"\(id)\"><legend>\(Markup.escape(section(object)))</legend>\n\(fields(object, path: path))</fieldset>\n"
        case .dictionary(.some(.enumeration(_, let codes)), _):
            let inputs = codes.map { code in
                let path = "\(path).\(code)"
                return
                    "<div class=\"q\"><label for=\"\(Self.id(path))\">\(Markup.escape(words(code, codes)))</label> <input type=\"text\" id=\"\(Self.id(path))\" name=\"\(Markup.escape(path))\" value=\"\(Markup.escape(answers.text(path) ?? ""))\"></div>"
            }.joined(separator: "\n")
            let open = codes.contains { answers.text("\(path).\($0)") != nil } ? " open" : ""
            return
                "<details class=\"q\" id=\"\(id)\"\(open)><summary>\(label)</summary>\n<small>\(Markup.escape(w.emptyUnknown))</small>\n\(inputs)</details>\n"
        case .dictionary:
            return ""
        case .nullable(let inner):
            var plain = field
            plain.shape = inner
            return control(owner, plain, path: path) + "<div class=\"q null\">\(noneBox(path, w.null, suffix: "!null"))</div>\n"
        }
    }

    func number(_ id: String, _ path: String, _ label: String, extra: String) -> String {
        """
        <div class="q"><label for="\(id)">\(label)</label>
        <input type="number" id="\(id)" name="\(Markup.escape(path))" value="\(Markup.escape(answers.text(path) ?? ""))"\(extra) aria-describedby="\(id)-hint">
        <small id="\(id)-hint">\(Markup.escape(w.emptyUnknown))</small></div>

        """
    }

    func noneBox(_ path: String, _ text: String, suffix: String = "!none") -> String {
        "<label class=\"choice\"><input type=\"checkbox\" name=\"\(Markup.escape(path + suffix))\" value=\"1\"\(answers.checked(path + suffix) ? " checked" : "")> \(Markup.escape(text))</label>"
    }

    /// A list of objects: each item with a remove button, then an add button; with no items,
    /// an explicit "none", since an empty list on the form could mean "none" or "not asked".
    func list(_ object: ObjectShape, path: String, label: String?) -> String {
        let n = answers.count(path)
        let noun = zh ? QuestionTexts.zh[object.name + "#item"] ?? "项" : QuestionTexts.enItem[object.name] ?? object.name
        var html = label.map { "<fieldset class=\"group\"><legend>\($0)</legend>\n" } ?? "<div class=\"group\">\n"
        html += "<input type=\"hidden\" name=\"\(Markup.escape(path))!n\" value=\"\(n)\">\n"
        for i in 0..<n {
            let itemPath = "\(path).\(i)"
            html += "<fieldset class=\"item\" id=\"\(Self.id(itemPath))\"><legend>\(Markup.escape(w.item(noun, i + 1)))</legend>\n"
            html += fields(object, path: itemPath)
            html +=
                "<button type=\"submit\" name=\"action\" value=\"remove:\(Markup.escape(itemPath))\" formnovalidate class=\"secondary\">\(Markup.escape(w.remove(noun)))</button>\n</fieldset>\n"
        }
        if n == 0 { html += "<p>\(noneBox(path, w.noneAtAll))</p>\n" }
        html +=
            "<button type=\"submit\" name=\"action\" value=\"add:\(Markup.escape(path))\" formnovalidate class=\"secondary\">\(Markup.escape(w.add(noun)))</button>\n"
        return html + (label == nil ? "</div>\n" : "</fieldset>\n")
    }

    /// The label of a vocabulary value, from the vocabulary whose codes are these.
    func words(_ code: String, _ codes: [String]) -> String {
        let kind = VocabularyLabels.Kind.allCases.first { Set(VocabularyLabels.codes($0)) == Set(codes) }
        return kind.map { VocabularyLabels.words(code, $0, language) } ?? code
    }

    /// A suggested id for a required id field of a list item (`collection_points.0.id` gives `point-1`).
    func defaultID(_ path: String) -> String {
        let parts = path.split(separator: ".")
        guard parts.count >= 3, let i = Int(parts[parts.count - 2]) else { return "" }
        let list = parts[parts.count - 3].replacingOccurrences(of: "_", with: "-")
        let stem = list.hasSuffix("s") ? String(list.dropLast()) : list
        return "\(stem)-\(i + 1)"
    }

    /// The report page of a questionnaire: the HTML report with a bar on top to download the
    /// description or the XML report, or to go back to the answers (each a form that sends the
    /// answers again, since nothing is kept on the server).
    func result(report: String) -> String {
        var hidden = "<input type=\"hidden\" name=\"csrf\" value=\"\(Markup.escape(csrf))\">"
        hidden += "<input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\">"
        for (name, value) in answers.carried {
            hidden += "<input type=\"hidden\" name=\"\(Markup.escape(name))\" value=\"\(Markup.escape(value))\">"
        }
        let bar = """
            <form method="post" action="/assess" class="assess-bar" style="margin:0 0 1rem;padding:0.6rem 0.8rem;background:#eef4ff;border:1px solid #b8cdf5;border-radius:6px">
            \(hidden)
            <p style="margin:0 0 0.4rem">\(Markup.escape(w.resultNote))</p>
            <button type="submit" name="action" value="yaml">\(Markup.escape(w.downloadYAML))</button>
            <button type="submit" name="action" value="xml">\(Markup.escape(w.downloadXML))</button>
            <button type="submit" name="action" value="edit">\(Markup.escape(w.edit))</button>
            </form>

            """
        guard let body = report.range(of: "<body>") else { return bar + report }
        return report.replacingCharacters(in: body, with: "<body>\n" + bar)
    }
}

extension Shape {
    var isDateOnly: Bool {
        if case .date = self { return true }
        return false
    }
}
