import Foundation
import PlanModel
import Testing

/// Field changes as people read them, and the explained plan text as tools read it.
@Suite("Field changes")
struct FieldChangeTests {
    @Test("Changed, added and removed read as such; withheld values name the field only")
    func descriptions() {
        #expect(FieldChange(field: "image", from: "nginx:1.25", to: "nginx:1.26").description == "image: nginx:1.25 → nginx:1.26")
        #expect(FieldChange(field: "ports", from: nil, to: "8080:80/tcp").description == "ports: added 8080:80/tcp")
        #expect(FieldChange(field: "mem_limit", from: "64m", to: nil).description == "mem_limit: removed 64m")
        let secret = FieldChange(field: "environment.DB_PASSWORD", from: "a", to: "b")
        #expect(secret.withheld.description == "environment.DB_PASSWORD changed")
        #expect(FieldChange(field: "environment.X", from: nil, to: "1").withheld.description == "environment.X added")
        #expect(secret.withheld.before == nil && secret.withheld.after == nil && secret.withheld.isWithheld)
        #expect(!secret.isWithheld)
    }

    @Test("The explained text reads back as the plain text: explanation lines are skipped")
    func explainedTextReadsBack() throws {
        var plan = try Plan(text: """
            [] -> #1 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]
            [1] -> #2 service:web:1, StopContainer, replaced by #1 [recreate:web:1]
            """)
        plan.nodes[0].changes = [FieldChange(field: "image", from: "a", to: "b")]
        #expect(plan.explainedText == """
            [] -> #1 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]
                image: a → b
            [1] -> #2 service:web:1, StopContainer, replaced by #1 [recreate:web:1]

            """)
        #expect(try Plan(text: plan.explainedText).text == plan.text)
    }

    @Test("Changes survive the plan file, and older plan files without them read as unexplained")
    func planFileRoundTrip() throws {
        var node = PlanNode(id: 1, type: .createContainer, resource: .container(service: "web", number: 1), cause: "config changed (tmpName)")
        node.changes = []
        node.hashWrittenBy = "docker-compose 1.29.2"
        let data = try JSONEncoder().encode(node)
        #expect(try JSONDecoder().decode(PlanNode.self, from: data) == node)
        var old = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        old["changes"] = nil
        old["hashWrittenBy"] = nil
        let decoded = try JSONDecoder().decode(PlanNode.self, from: try JSONSerialization.data(withJSONObject: old))
        #expect(decoded.changes == nil && decoded.explanation == nil)
    }
}
