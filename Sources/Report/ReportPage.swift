/// The values the report template reads (the Mustache context). Every
/// string is plain text: the template's `{{ }}` escapes it. Only
/// ``diagramSVG``, ``timelineSVG`` and ``dataJSON`` are markup, made safe by
/// the report itself and inserted with `{{{ }}}`.
///
/// Built from a plan and a record by ``ReportPageBuilder``; nothing in it
/// comes from a service's configuration (no environment value, no command).
struct ReportPage {
    /// One operation type and how many nodes have it.
    struct Count {
        var type: String
        var kind: String
        var count: Int
    }

    /// One change in the "changes by service" list.
    struct Change {
        var id: Int
        var type: String
        var kind: String
        var resource: String
        /// The resource without the service's own prefix (`app:1`, `network:backend`).
        var target: String
        var cause: String
        var status: String?
        var duration: String?
    }

    /// The changes of one service (or of the networks, volumes, orphans).
    struct ChangeGroup {
        var name: String
        var count: Int
        /// Counts per operation type (`2 StopContainer, 1 StartContainer`).
        var summary: String
        /// Whether the list starts unfolded (small plans).
        var open: Bool
        var changes: [Change]
    }

    /// One row of the plan table.
    struct Row {
        var id: Int
        var resource: String
        var type: String
        var kind: String
        var cause: String
        var group: String
        var dependsOn: String
        var service: String
        var wave: Int
        var hasRecord: Bool
        var status: String
        var start: String
        var startValue: String
        var duration: String
        var durationValue: String
        var error: String
        /// What differs, one line per field; shown folded under the cause.
        var changes: [String]
        /// Whether there are any (the template cannot test an empty list).
        var hasChanges: Bool
    }

    /// A node in the waves list.
    struct WaveNode {
        var id: Int
        var type: String
        var kind: String
        var resource: String
        var label: String
    }

    /// The nodes of one wave.
    struct Wave {
        var number: Int
        var nodes: [WaveNode]
    }

    /// A node's error message, in full.
    struct ErrorEntry {
        var id: Int
        var type: String
        var resource: String
        var status: String
        var message: String
    }

    var project: String
    var toolVersion: String
    var contentSecurityPolicy: String
    /// The colour classes of operation kinds and outcomes (``PaletteCSS``).
    var paletteCSS = PaletteCSS.stylesheet
    var outcomeText: String
    var outcomeClass: String
    /// The run was a dry run on the simulated engine: the title, the badge
    /// and the facts say so.
    var isDryRun: Bool = false
    var headline: String
    var plannedAt: String
    var appliedAt: String?
    var engine: String
    var fingerprint: String
    var fingerprintShort: String
    var totalTime: String?
    var parallelism: String?
    var criticalPath: String?
    var statusSummary: String?
    var nodeCount: Int
    var counts: [Count]
    var groups: [ChangeGroup]
    var hasWarnings: Bool
    var warnings: [String]
    var hasErrors: Bool
    var errorCount: Int
    var errors: [ErrorEntry]
    /// Nodes skipped or cancelled (with why), apart from the errors.
    var hasNotRun: Bool
    /// Whether the errors section shows (errors, or nodes not run).
    var hasProblems: Bool
    var notRunCount: Int
    var notRun: [ErrorEntry]
    var diagramSVG: String
    var diagramNote: String
    /// What the main diagram shows (`overview: one box per service`, `every operation`).
    var diagramTitle: String
    /// Whether the overview's service boxes expand on a click.
    var hasExpansions: Bool
    var hasTimeline: Bool
    var timelineSVG: String
    var hasRecord: Bool
    var serviceNames: [String]
    var typeNames: [String]
    var statusNames: [String]
    var rows: [Row]
    var waves: [Wave]
    var dataJSON: String
    var generatedAt: String
}
