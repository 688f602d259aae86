import AuditBasics
import Testing

@Suite("Fact paths")
struct FactPathTests {
    @Test(
        "a path splits into keys and bracketed selectors, dots inside brackets kept",
        arguments: [
            ("venue.id", [FactPath.Segment.key("venue"), .key("id")]),
            (
                "collection_points[north-gate].retention.days",
                [.key("collection_points"), .element("north-gate"), .key("retention"), .key("days")]
            ),
            ("incidents[0]", [.key("incidents"), .element("0")]),
            ("a[x.y].b", [.key("a"), .element("x.y"), .key("b")]),
            ("登记点[东门].保存", [.key("登记点"), .element("东门"), .key("保存")]),
            ("a..b.", [.key("a"), .key("b")]),
            ("a[]", [.key("a"), .element("")]),
            ("a[open", [.key("a"), .element("open")]),
            ("", []),
        ]
    )
    func segments(_ path: String, _ expected: [FactPath.Segment]) {
        #expect(FactPath.segments(of: path) == expected)
    }
}
