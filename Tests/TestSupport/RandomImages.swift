import ComposeModel
import DockerModel
import Foundation

/// Random image states for ``RandomScenario``: services' pull policies
/// and shared images in the project, and in the snapshot an `images`
/// entry per image (absent, present and current, present behind the
/// registry, or present but never pulled) plus containers' image labels.
enum RandomImages {
    static let sharedImage = "registry.test/shared:1"

    /// Gives some services `pull_policy: always` or `never` (`never` images
    /// are then made present), and points some at one shared image.
    static func addPolicies(to yaml: String, _ random: inout SplitMix) -> String {
        var lines: [String] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("    image: registry.test/") else {
                lines.append(String(line))
                continue
            }
            lines.append(random.chance(0.3) ? "    image: \(sharedImage)" : String(line))
            switch random.int(below: 6) {
            case 0, 1: lines.append("    pull_policy: always")
            case 2: lines.append("    pull_policy: never")
            case 3: lines.append("    pull_policy: if_not_present")
            default: break
            }
        }
        return lines.joined(separator: "\n")
    }

    /// An `images` entry for every image of `project`, and image labels on
    /// some of its containers.
    static func addImages(to snapshot: Snapshot, of project: Project, _ random: inout SplitMix) -> Snapshot {
        var snapshot = snapshot
        var neverPulled: Set<String> = []
        var references: Set<String> = []
        for service in project.services.values {
            guard let image = service.image else { continue }
            references.insert(image)
            if service.pullPolicy == "never" { neverPulled.insert(image) }
        }
        var localIDs: [String: String] = [:]
        var entries: [JSONValue] = []
        for reference in references.sorted() {
            let current = "sha256:" + random.hex(64)
            let older = "sha256:" + random.hex(64)
            var roll = random.int(below: 4)
            // An image only `never` services use must be present for them to start.
            if roll == 0, neverPulled.contains(reference) { roll = 1 }
            var entry: [String: JSONValue] = ["Reference": .string(reference), "RegistryDigest": .string(current)]
            if roll > 0 {
                let id = "sha256:" + random.hex(64)
                localIDs[reference] = id
                let name = String(reference[..<reference.lastIndex(of: ":")!])
                let digests: [JSONValue] = switch roll {
                case 1: [.string("\(name)@\(current)")]
                case 2: [.string("\(name)@\(older)")]
                default: []
                }
                entry["Image"] = ["Id": .string(id), "RepoTags": [.string(reference)], "RepoDigests": .array(digests),
                                  "Size": 2_000_000, "Metadata": ["LastTagTime": "2026-01-01T00:00:00Z"]]
            }
            entries.append(.object(entry))
        }
        snapshot.images = entries
        snapshot.containers = snapshot.containers.map { container in
            guard case .object(var object) = container, case .object(var labels)? = object["Labels"],
                  let service = labels[ComposeLabel.service]?.stringValue,
                  let image = project.services[service]?.image else { return container }
            switch random.int(below: 3) {
            case 0: return container
            case 1: labels[ComposeLabel.image] = .string(localIDs[image] ?? "sha256:" + random.hex(64))
            default: labels[ComposeLabel.image] = .string("sha256:" + random.hex(64))
            }
            object["Labels"] = .object(labels)
            return .object(object)
        }
        return snapshot
    }
}
