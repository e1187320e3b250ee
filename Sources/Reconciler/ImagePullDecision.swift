import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// Whether one image is pulled, and what its ID will be after the plan:
/// compose's pull rules applied to what was observed of the image.
///
/// A pure function of the combined pull policy of the services that use
/// the image, the observation, and the time of the observation.
struct ImagePullDecision: Equatable {
    /// What the image will be once the plan has run.
    enum Outlook: Equatable {
        /// Nothing can be said (a present image is pulled without a known
        /// registry digest): containers are not recreated for it.
        case unknown
        /// The image keeps this ID.
        case present(id: String)
        /// The pull brings a manifest other than the local image's, or the
        /// image is absent and pulled: its ID will be one no container
        /// could be checked against, so containers labelled with an ID are
        /// recreated.
        case replaced
        /// Absent and not pulled (`reason`: why not), so no container can
        /// be created from it.
        case absent(reason: String)
        /// Present and built again by node `build`: the build's result decides.
        case rebuilt(build: Int)
    }

    /// The cause of the `PullImage` node; `nil` when there is no pull.
    var pullCause: String?
    var outlook: Outlook

    /// Decides for an image used under `policy`; `flag` is `--pull`'s
    /// spelling when the flag set the policy (`--pull always`), for causes
    /// and errors.
    static func decide(policy: PullPolicy, flag: String?, observation: ImageObservation, now: Date?) -> ImagePullDecision {
        let policyText = flag ?? "pull_policy \(policy)"
        guard let local = observation.image else {
            switch policy {
            case .never, .build: return ImagePullDecision(pullCause: nil, outlook: .absent(reason: policyText))
            case .always, .missing, .refresh: return ImagePullDecision(pullCause: "not present", outlook: .replaced)
            }
        }
        let kept = Outlook.present(id: local.id)
        switch policy {
        case .never, .build, .missing:
            return ImagePullDecision(pullCause: nil, outlook: kept)
        case .refresh(let seconds, _):
            guard let now, isOlder(local.lastTagTime, than: seconds, at: now) else {
                return ImagePullDecision(pullCause: nil, outlook: kept)
            }
            let last = local.lastTagTime.map { "last pulled \($0.prefix(19))Z" } ?? "never pulled"
            return ImagePullDecision(pullCause: "\(policyText) (\(last))", outlook: afterPull(local, observation))
        case .always:
            if let registry = observation.registryDigest, let localDigest = observation.localDigest, registry != localDigest {
                return ImagePullDecision(pullCause: "registry has \(short(registry)) local has \(short(localDigest))",
                                         outlook: .replaced)
            }
            return ImagePullDecision(pullCause: policyText, outlook: afterPull(local, observation))
        }
    }

    /// The outlook of a present image after a pull.
    private static func afterPull(_ local: ImageInspection, _ observation: ImageObservation) -> Outlook {
        guard let registry = observation.registryDigest else { return .unknown }
        // An image that was only built or imported has no digest for the
        // registry: what the pull brings is new.
        guard let localDigest = observation.localDigest else { return .replaced }
        return registry == localDigest ? .present(id: local.id) : .replaced
    }

    /// Whether `tagTime` (RFC 3339, `nil`: never recorded) lies more than
    /// `seconds` before `now`.
    private static func isOlder(_ tagTime: String?, than seconds: Double, at now: Date) -> Bool {
        guard let tagTime, let date = parse(tagTime) else { return true }
        return now.timeIntervalSince(date) > seconds
    }

    private static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        // Docker writes nanoseconds; ISO8601DateFormatter reads up to milliseconds.
        if let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            return formatter.date(from: String(text[..<dot]) + String(text[zone...]))
        }
        return formatter.date(from: text)
    }

    /// `sha256:` and the first 12 hex digits.
    static func short(_ digest: String) -> String {
        guard let colon = digest.firstIndex(of: ":") else { return String(digest.prefix(12)) }
        return String(digest[...colon]) + String(digest[digest.index(after: colon)...].prefix(12))
    }
}

extension PullPolicy {
    /// How strongly the policy pulls, to combine the policies of services
    /// that share an image: the strongest wins (a shared image is pulled
    /// when any of its services would pull it).
    var strength: Double {
        switch self {
        case .never: 0
        case .build: 0
        case .missing: 1
        // A shorter refresh interval pulls more often.
        case .refresh(let seconds, _): 2 + 1 / max(seconds, 1)
        case .always: 4
        }
    }
}
