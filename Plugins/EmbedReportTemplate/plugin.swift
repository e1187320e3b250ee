import Foundation
import PackagePlugin

/// Build-tool plugin: turns `templates/report.html.mustache` (the single
/// source of the report template) into a Swift file holding it as a string,
/// so an installed `composeplan` renders reports with no file at hand.
@main
struct EmbedReportTemplate: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let template = context.package.directoryURL.appending(path: "templates/report.html.mustache")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedReportTemplate.swift")
        return [
            .buildCommand(
                displayName: "Embedding templates/report.html.mustache",
                executable: try context.tool(named: "ReportTemplateEmbedder").url,
                arguments: [template.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: [template],
                outputFiles: [output]
            ),
        ]
    }
}
