import AuditBasics

/// Writes a `Shape` as JSON Schema (draft 2020-12), so editors with the YAML language server can
/// complete and check venue descriptions (`venue-audit schema venue`).
///
/// The schema is stricter than the tool in one place: unknown fields are rejected
/// (`additionalProperties: false`) so an editor underlines them, where the tool only warns.
public enum JSONSchemaWriter {
    public static func venueSchema() -> String {
        var out = "{\n"
        out += "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
        out += "  \"$id\": \"urn:venue-audit:venue-description:1\",\n"
        out += "  \"title\": \(JSONText.quote(VenueSchema.root.name)),\n"
        out += "  \"description\": \(JSONText.quote(VenueSchema.root.doc)),\n"
        out += objectBody(VenueSchema.root, indent: 1)
        out += "\n}\n"
        return out
    }

    private static func pad(_ n: Int) -> String { String(repeating: "  ", count: n) }

    /// The members of an object schema, without braces.
    private static func objectBody(_ object: ObjectShape, indent: Int) -> String {
        let p = pad(indent)
        var lines = ["\(p)\"type\": \"object\""]
        let props = object.fields.map { field -> String in
            let body = schema(field.shape, doc: field.doc, indent: indent + 2)
            return "\(pad(indent + 1))\(JSONText.quote(field.name)): \(body)"
        }
        lines.append("\(p)\"properties\": {\n\(props.joined(separator: ",\n"))\n\(p)}")
        let required = object.fields.filter(\.required).map { JSONText.quote($0.name) }
        if !required.isEmpty { lines.append("\(p)\"required\": [\(required.joined(separator: ", "))]") }
        lines.append("\(p)\"additionalProperties\": false")
        return lines.joined(separator: ",\n")
    }

    private static func schema(_ shape: Shape, doc: String, indent: Int) -> String {
        let p = pad(indent)
        var members: [String] = []
        if !doc.isEmpty { members.append("\(p)\"description\": \(JSONText.quote(doc))") }
        switch shape {
        case .boolean:
            members.append("\(p)\"type\": \"boolean\"")
        case .integer(let minimum):
            members.append("\(p)\"type\": \"integer\"")
            if let minimum { members.append("\(p)\"minimum\": \(minimum)") }
        case .number:
            members.append("\(p)\"type\": \"number\"")
        case .string:
            members.append("\(p)\"type\": \"string\"")
        case .date:
            members.append("\(p)\"type\": \"string\"")
            members.append("\(p)\"format\": \"date\"")
            members.append("\(p)\"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"")
        case .dateOrMonth:
            members.append("\(p)\"type\": \"string\"")
            members.append("\(p)\"pattern\": \"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$\"")
        case .enumeration(_, let values):
            members.append("\(p)\"enum\": [\(values.map { JSONText.quote($0) }.joined(separator: ", "))]")
        case .list(let element):
            members.append("\(p)\"type\": \"array\"")
            members.append("\(p)\"items\": \(schema(element, doc: "", indent: indent + 1))")
        case .object(let object):
            members.append(objectBody(object, indent: indent))
        case .dictionary(let keys, let values):
            members.append("\(p)\"type\": \"object\"")
            if let keys, case .enumeration(_, let names) = keys {
                members.append("\(p)\"propertyNames\": { \"enum\": [\(names.map { JSONText.quote($0) }.joined(separator: ", "))] }")
            }
            members.append("\(p)\"additionalProperties\": \(schema(values, doc: "", indent: indent + 1))")
        case .nullable(let inner):
            members.append(
                "\(p)\"anyOf\": [\n\(pad(indent + 1)){ \"type\": \"null\" },\n\(pad(indent + 1))\(schema(inner, doc: "", indent: indent + 2))\n\(p)]"
            )
        }
        return "{\n\(members.joined(separator: ",\n"))\n\(pad(indent - 1))}"
    }

}
