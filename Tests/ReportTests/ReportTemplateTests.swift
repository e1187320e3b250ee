import Foundation
import Testing
import TestSupport
@testable import Report

@Suite struct ReportTemplateTests {
    @Test func embeddedTemplateIsTheTemplateFile() throws {
        let file = try String(contentsOfFile: CommandRunner.repositoryRoot + "/" + ReportTemplate.sourcePath, encoding: .utf8)
        #expect(ReportTemplate.embedded == file)
    }

    @Test func overridingTemplateIsUsed() async throws {
        let directory = try TemporaryDirectory(prefix: "report-template")
        defer { directory.remove() }
        let path = try directory.write("mine.mustache", "<p>{{project}}: {{nodeCount}} nodes, {{outcomeText}}</p>{{#rows}}[{{id}} {{resource}}]{{/rows}}")
        let html = try await ReportBuilder(templatePath: path).render(ReportInput(planFile: PlanFixtures.small()))
        #expect(html == "<p>shop: 5 nodes, planned, not applied</p>[1 network:default][2 service:web:1][3 service:web:1][4 service:api:1][5 service:api:1]")
    }

    @Test func missingTemplateFileIsAOneLineError() {
        #expect(throws: ReportError.templateUnreadable(path: "/nonexistent/report.mustache", reason: "no such file")) {
            try ReportBuilder(templatePath: "/nonexistent/report.mustache")
        }
        let message = ReportError.templateUnreadable(path: "/x", reason: "no such file").description
        #expect(message == "cannot read report template /x: no such file")
        #expect(!message.contains("\n"))
    }

    @Test func directoryIsNotATemplate() throws {
        let directory = try TemporaryDirectory(prefix: "report-template")
        defer { directory.remove() }
        #expect(throws: ReportError.templateUnreadable(path: directory.path, reason: "it is a directory")) {
            try ReportTemplate.load(path: directory.path)
        }
    }

    @Test func badTemplateSyntaxNamesFileLineAndColumn() throws {
        let directory = try TemporaryDirectory(prefix: "report-template")
        defer { directory.remove() }
        let path = try directory.write("bad.mustache", "<html>\n{{#rows}}\n{{id}}\n{{/nodes}}\n")
        do {
            _ = try ReportBuilder(templatePath: path)
            Issue.record("a bad template was accepted")
        } catch {
            guard case .templateSyntax(let source, let line, _, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(source == path)
            #expect(line == 4)
            #expect(error.description.hasPrefix("report template \(path) is not valid Mustache: "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func builtInTemplateParses() throws {
        _ = try ReportBuilder()
    }
}
