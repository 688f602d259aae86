import AuditBasics
import ReportFormat

/// The service's own pages: the start page, the form to check a description, input errors, the
/// regulators' sign-in. Plain HTML that works without JavaScript and on a phone; every value
/// from a request or the store is escaped (`Markup.escape`) where it is written.
enum Pages {
    /// The words of the pages, in English and Chinese.
    struct Words {
        let zh: Bool
        init(_ language: Language) { zh = language == .zh }

        var title: String { zh ? "场所访客信息合规检查" : "Venue data-protection audit" }
        var intro: String {
            zh
                ? "检查场所（商场、写字楼、餐馆、酒店）如何处理访客个人信息：登记本、扫码登记、收集哪些信息、如何保管、保存多久、如何销毁、谁能查看。"
                : "Checks how a venue (mall, office, restaurant, hotel) handles its visitors' personal data: the register book, the QR sign-in, which fields are asked for, where records are kept, for how long, how they are destroyed and who sees them."
        }
        var assessHeading: String { zh ? "物业与场所管理者：在线自查" : "Property managers: check your venue" }
        var assessHelp: String {
            zh
                ? "逐项回答问卷（手机也可填写），不必编写 YAML，即可得到报告；不确定的问题可以选“不知道”。"
                : "Answer a questionnaire, on a phone if you like, and get the report without writing any YAML; any question can be answered \"I don't know\"."
        }
        var assessLink: String { zh ? "开始自查问卷" : "Start the questionnaire" }
        var checkHeading: String { zh ? "检查一份场所描述" : "Check a venue description" }
        var checkHelp: String {
            zh
                ? "粘贴 venue-audit 格式的 YAML 描述（见 docs/input-format.md）。匿名检查不保存、不记录日志。"
                : "Paste a venue description in venue-audit's YAML format (see docs/input-format.md). Anonymous checks are neither stored nor logged."
        }
        var description: String { zh ? "场所描述（YAML）" : "Venue description (YAML)" }
        var resultAs: String { zh ? "结果形式" : "Show the result as" }
        var htmlReport: String { zh ? "网页报告" : "a report page" }
        var xmlReport: String { zh ? "下载 XML 报告" : "an XML report to download" }
        var jsonReport: String { zh ? "下载 JSON" : "JSON to download" }
        var check: String { zh ? "检查" : "Check" }
        var errorsHeading: String { zh ? "描述有误，未检查" : "The description has errors and was not audited" }
        var errorsHelp: String {
            zh
                ? "请按下列位置修改后重新提交（浏览器的“返回”会保留您输入的内容）。"
                : "Correct it at these places and submit it again (your browser's Back button keeps what you typed)."
        }
        var back: String { zh ? "返回修改" : "Back to the form" }
        var regulators: String { zh ? "监管部门：汇总看板" : "Regulators: the dashboard" }
        var othersHeading: String { zh ? "检查人员与监管部门" : "Inspectors and regulators" }
        var othersHelp: String {
            zh
                ? "检查人员用访问令牌通过接口提交报告；监管部门用令牌登录查看汇总看板。令牌由服务管理员发放。"
                : "Inspectors submit their reports through the API with an access token; regulators sign in with theirs to see the dashboard. The service's administrator issues tokens."
        }
        var signInHeading: String { zh ? "监管部门登录" : "Sign in as a regulator" }
        var token: String { zh ? "访问令牌" : "Access token" }
        var signIn: String { zh ? "登录" : "Sign in" }
        var signOut: String { zh ? "退出" : "Sign out" }
        var signInFailed: String { zh ? "令牌无效、已撤销，或不是监管部门的令牌。" : "That token is not valid, has been revoked, or is not a regulator's." }
        var api: String { zh ? "HTTP 接口说明（OpenAPI）" : "The HTTP API (OpenAPI)" }
        var otherLanguage: (label: String, code: String) { zh ? ("English", "en") : ("中文", "zh") }
        var forbidden: String { zh ? "请求无效（表单已过期），请重新打开表单。" : "The form has expired or was not sent by this site. Open the form again." }
    }

    static func page(_ language: Language, title: String, body: String, path: String) -> String {
        let w = Words(language)
        let other = w.otherLanguage
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(title))</title>
            <style>
            body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; line-height: 1.5; color: #1a1a1a; }
            header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
            textarea { width: 100%; min-height: 18rem; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9rem; box-sizing: border-box; }
            input[type=password] { width: 100%; max-width: 30rem; font-family: ui-monospace, monospace; }
            button { font-size: 1rem; padding: 0.4rem 1.2rem; margin-top: 0.6rem; }
            fieldset { border: none; padding: 0; margin: 0.6rem 0; }
            .error { border-left: 4px solid #b00020; padding: 0.3rem 0.8rem; margin: 0.8rem 0; background: #fff5f5; }
            .error pre { margin: 0.2rem 0 0; overflow-x: auto; }
            .questionnaire section { border-top: 2px solid #d0d5dd; margin-top: 1.2rem; }
            .q { margin: 0.8rem 0; }
            .q label, .q legend { display: block; font-weight: 600; }
            .q summary { display: list-item; font-weight: 600; cursor: pointer; }
            .q small, small.help { display: block; color: #475467; font-weight: normal; font-size: 0.85rem; }
            .q .req { color: #b00020; font-weight: normal; }
            .q label.choice { display: block; font-weight: normal; padding: 0.15rem 0; }
            input[type=text], input[type=number], select { width: 100%; max-width: 30rem; font-size: 1rem; padding: 0.35rem; box-sizing: border-box; }
            input[type=checkbox], input[type=radio] { width: 1.1rem; height: 1.1rem; vertical-align: -0.15rem; }
            fieldset.group, fieldset.item { border: 1px solid #d0d5dd; border-radius: 6px; padding: 0.4rem 0.8rem 0.8rem; margin: 0.8rem 0; }
            fieldset.group > legend, fieldset.item > legend { font-weight: 700; padding: 0 0.3rem; }
            button.secondary { font-size: 0.95rem; padding: 0.3rem 0.9rem; }
            button.primary, a.start { font-size: 1.1rem; font-weight: 600; }
            .default-submit { position: absolute; left: -9999px; width: 1px; height: 1px; overflow: hidden; }
            code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; }
            </style>
            </head>
            <body>
            <header><h1>\(Markup.escape(title))</h1><a href="\(Markup.escape(path))?lang=\(other.code)" hreflang="\(other.code)">\(other.label)</a></header>
            \(body)
            </body>
            </html>

            """
    }

    static func home(_ language: Language, csrf: String) -> String {
        let w = Words(language)
        let lang = language.rawValue
        return page(
            language, title: w.title,
            body: """
                <p>\(Markup.escape(w.intro))</p>
                <h2>\(Markup.escape(w.assessHeading))</h2>
                <p>\(Markup.escape(w.assessHelp))</p>
                <p><a class="start" href="/assess?lang=\(lang)">\(Markup.escape(w.assessLink))</a></p>
                <h2>\(Markup.escape(w.checkHeading))</h2>
                \(form(language, csrf: csrf))
                <h2>\(Markup.escape(w.othersHeading))</h2>
                <p>\(Markup.escape(w.othersHelp))</p>
                <p><a href="/dashboard?lang=\(lang)">\(Markup.escape(w.regulators))</a> · <a href="/openapi.yaml">\(Markup.escape(w.api))</a></p>
                """, path: "/")
    }

    static func form(_ language: Language, csrf: String) -> String {
        let w = Words(language)
        return """
            <form method="post" action="/audit">
            <input type="hidden" name="csrf" value="\(Markup.escape(csrf))">
            <input type="hidden" name="lang" value="\(language.rawValue)">
            <p id="yaml-help">\(Markup.escape(w.checkHelp))</p>
            <label for="yaml">\(Markup.escape(w.description))</label>
            <textarea id="yaml" name="yaml" required aria-describedby="yaml-help" spellcheck="false"></textarea>
            <fieldset><legend>\(Markup.escape(w.resultAs))</legend>
            <label><input type="radio" name="format" value="html" checked> \(Markup.escape(w.htmlReport))</label>
            <label><input type="radio" name="format" value="xml"> \(Markup.escape(w.xmlReport))</label>
            <label><input type="radio" name="format" value="json"> \(Markup.escape(w.jsonReport))</label>
            </fieldset>
            <button type="submit">\(Markup.escape(w.check))</button>
            </form>
            """
    }

    static func errors(_ language: Language, _ shown: [ServiceBackend.ShownDiagnostic]) -> String {
        let w = Words(language)
        let items = shown.map { d -> String in
            var html = "<div class=\"error\"><pre>\(Markup.escape(d.text))</pre>"
            if let line = d.sourceLine, let column = d.diagnostic.location?.column {
                let caret = String(repeating: " ", count: max(0, min(column - 1, line.count))) + "^"
                html += "<pre>\(Markup.escape(line))\n\(caret)</pre>"
            }
            return html + "</div>"
        }.joined(separator: "\n")
        return page(
            language, title: w.errorsHeading,
            body: """
                <p>\(Markup.escape(w.errorsHelp))</p>
                \(items)
                <p><a href="/?lang=\(language.rawValue)">\(Markup.escape(w.back))</a></p>
                """, path: "/")
    }

    static func signIn(_ language: Language, csrf: String, failed: Bool) -> String {
        let w = Words(language)
        return page(
            language, title: w.signInHeading,
            body: """
                \(failed ? "<p class=\"error\" role=\"alert\">\(Markup.escape(w.signInFailed))</p>" : "")
                <form method="post" action="/login">
                <input type="hidden" name="csrf" value="\(Markup.escape(csrf))">
                <input type="hidden" name="lang" value="\(language.rawValue)">
                <label for="token">\(Markup.escape(w.token))</label><br>
                <input type="password" id="token" name="token" autocomplete="off" required><br>
                <button type="submit">\(Markup.escape(w.signIn))</button>
                </form>
                """, path: "/login")
    }

    static func message(_ language: Language, title: String, text: String) -> String {
        page(
            language, title: title,
            body: "<p>\(Markup.escape(text))</p><p><a href=\"/?lang=\(language.rawValue)\">\(Markup.escape(Words(language).back))</a></p>",
            path: "/")
    }
}
