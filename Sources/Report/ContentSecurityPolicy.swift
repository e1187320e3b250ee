import Crypto
import Foundation

/// The report's Content-Security-Policy: no network, no external file, and
/// only the template's own inline scripts may run (allowed by their SHA-256
/// hashes), so even a string that escaped escaping could not execute.
enum ContentSecurityPolicy {
    /// The policy for a page whose only scripts are the inline `<script>`
    /// elements (without attributes) of `template`. Those scripts must be
    /// static text: the hash is taken from the template.
    static func policy(forTemplate template: String) -> String {
        let hashes = inlineScripts(in: template).map { script in
            "'sha256-\(Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString())'"
        }
        let scripts = hashes.isEmpty ? "'none'" : hashes.joined(separator: " ")
        return "default-src 'none'; script-src \(scripts); style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'"
    }

    /// The contents of every `<script>` element without attributes.
    static func inlineScripts(in text: String) -> [String] {
        var scripts: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<script>") {
            guard let close = rest[open.upperBound...].range(of: "</script>") else { break }
            scripts.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return scripts
    }
}
