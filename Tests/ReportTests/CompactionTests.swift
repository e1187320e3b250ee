import Foundation
import Testing
@testable import Report

/// How the report keeps large pages small: slimmer SVG for the explorer's
/// diagrams, and large parts carried compressed.
@Suite struct CompactionTests {
    @Test func compactSVGDropsTooltipsAndRoundsShapesButNotLabels() {
        let svg = """
            <svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00">
            <g id="node-1" class="node op-create">
            <title>node-1</title>
            <g id="a_node-1"><a xlink:title="#1 CreateContainer service:web:1&#10;cause: not found">
            <path fill="#c8e6c9" stroke="#1b5e20" d="M425.56,-3236.04C425.5,-3236 316.45,-0.04 -0.06,12"/>
            <text text-anchor="middle" x="371.25" y="-3224.5" font-size="10.00">succeeded · 0.43 s</text>
            </a>
            </g>
            </g>
            <g id="edge-1-2" class="edge">
            <title>node-1&#45;&gt;node-2</title>
            <path fill="none" stroke="#9e9e9e" d="M97.45,-156.62C119.5,-144.2 149.7,-127.72 176.25,-113.14"/>
            <polygon fill="#546e7a" stroke="#546e7a" points="176.97,-116.6 184.04,-108.86 173.61,-110.48 176.97,-116.6"/>
            </g>
            </svg>
            """
        let compact = CompactSVG.compact(svg)
        #expect(!compact.contains("<title>") && !compact.contains("xlink:title") && !compact.contains("</a>"))
        #expect(compact.contains("d=\"M425.6,-3236C425.5,-3236 316.5,0 -0.1,12\""))
        #expect(compact.contains("d=\"M97,-157C120,-144 150,-128 176,-113\""))
        #expect(compact.contains("points=\"177,-116.6 184,-108.9 173.6,-110.5 177,-116.6\""))
        #expect(compact.contains("fill=\"#c8e6c9\" stroke=\"#1b5e20\""))
        // Labels and their positions are untouched; the groups still close.
        #expect(compact.contains("<text text-anchor=\"middle\" x=\"371.25\" y=\"-3224.5\" font-size=\"10.00\">succeeded · 0.43 s</text>"))
        #expect(compact.components(separatedBy: "<g ").count == compact.components(separatedBy: "</g>").count)
    }

    @Test func largeMarkedPartsTravelCompressedAndSmallOnesStayPlain() throws {
        let small = "<p>small</p>"
        let large = String(repeating: "<tr data-node=\"1\"><td>row</td></tr>\n", count: 20_000)
        let page = "<body><!--deferred-->\(small)<!--/deferred--><table><!--deferred-->\(large)<!--/deferred--></table></body>"
        let out = DeferredMarkup.apply(to: page)
        #expect(out.contains("<body><p>small</p><table><template class=\"deferred\" data-gz=\""))
        #expect(!out.contains("<!--deferred-->") && !out.contains("<tr data-node"))
        #expect(out.utf8.count < large.utf8.count / 20)
        #expect(try InflatedPage.markup(out) == "<body><p>small</p><table>\(large)</table></body>")
    }
}
