import ArgumentParser
import PlanModel

extension PullOverride: ExpressibleByArgument {}

/// The flags that change what a plan does (compose's `up` flags).
struct ReconcileFlags: ParsableArguments {
    @Flag(name: .customLong("no-start"), help: "Create containers but do not plan starting them.")
    var noStart = false

    @Flag(name: .customLong("remove-orphans"), help: "Stop and remove containers of services not in the compose files.")
    var removeOrphans = false

    @Flag(name: .customLong("force-recreate"), help: "Recreate the targeted services' containers even if unchanged.")
    var forceRecreate = false

    @Flag(name: .customLong("no-recreate"), help: "Never recreate existing containers.")
    var noRecreate = false

    @Flag(name: .customLong("always-recreate-deps"), help: "Recreate the containers of the targeted services' dependencies.")
    var alwaysRecreateDeps = false

    @Flag(name: [.customShort("V"), .customLong("renew-anon-volumes")], help: "Recreate anonymous volumes instead of inheriting them.")
    var renewAnonVolumes = false

    @Flag(name: [.customShort("y"), .customLong("yes")], help: "Answer yes to every question (volume recreation, apply confirmation).")
    var yes = false

    @Option(name: .customLong("wait-timeout"), help: ArgumentHelp("Seconds a dependency condition may take.", valueName: "seconds"))
    var waitTimeout: Double?

    @Option(name: [.customShort("t"), .customLong("timeout")], help: ArgumentHelp("Seconds to wait for a container to stop before killing it.", valueName: "seconds"))
    var stopTimeout: Double?

    @Option(name: .customLong("pull"), help: ArgumentHelp("Which images to pull: always, missing, never, or each service's pull_policy.",
                                                          valueName: "always|missing|never|policy"))
    var pull: PullOverride = .policy

    @Flag(name: .customLong("build"), help: "Build the images of services with a build section, even when present.")
    var build = false

    @Flag(name: .customLong("no-build"), help: "Never build: an image that is absent is an error.")
    var noBuild = false

    @Flag(name: .customLong("adopt"), help: "Keep containers whose config hash label another tool wrote when no field of their configuration differs.")
    var adopt = false

    @Flag(name: .customLong("show-values"), help: "Show environment and label values in explanations, not only their keys.")
    var showValues = false

    @OptionGroup var target: TargetOption

    func validate() throws {
        if build && noBuild { throw ValidationError("--build and --no-build cannot be combined") }
        if noRecreate && (forceRecreate || alwaysRecreateDeps) {
            throw ValidationError("--no-recreate cannot be combined with --force-recreate or --always-recreate-deps")
        }
        if let waitTimeout, waitTimeout <= 0 { throw ValidationError("--wait-timeout must be positive") }
        if let stopTimeout, stopTimeout < 0 { throw ValidationError("--timeout must not be negative") }
        if target.deploymentTarget == .swarm {
            // Swarm services have no such choices: the manager replaces tasks itself.
            let containerOnly = [("--no-start", noStart), ("--force-recreate", forceRecreate), ("--no-recreate", noRecreate),
                                 ("--always-recreate-deps", alwaysRecreateDeps), ("--renew-anon-volumes", renewAnonVolumes),
                                 ("--build", build), ("--adopt", adopt)]
            if let flag = containerOnly.first(where: { $0.1 })?.0 {
                throw ValidationError("\(flag) cannot be combined with --target swarm")
            }
        }
    }

    func planOptions(services: [String]) -> PlanOptions {
        PlanOptions(services: services,
                    recreate: noRecreate ? .never : (forceRecreate ? .force : .diverged),
                    recreateDependencies: noRecreate ? .never : (alwaysRecreateDeps ? .force : .diverged),
                    renewAnonymousVolumes: renewAnonVolumes, removeOrphans: removeOrphans, start: !noStart,
                    waitTimeout: waitTimeout, stopTimeout: stopTimeout, pull: pull == .policy ? nil : pull,
                    build: build ? .always : (noBuild ? .never : nil), adopt: adopt ? true : nil,
                    showValues: showValues ? true : nil, target: target.deploymentTarget == .swarm ? .swarm : nil)
    }

    /// Answers the reconciler's questions: yes with `-y`, else asks on a
    /// terminal, else no.
    var confirmation: (String) -> Bool {
        let yes = self.yes
        return { question in yes || Terminal.confirm(question) }
    }
}
