import ArgumentParser
import PlanModel

extension DeploymentTarget: ExpressibleByArgument {}

/// `--target containers|swarm`: what the command deploys to.
struct TargetOption: ParsableArguments {
    @Option(name: .customLong("target"),
            help: ArgumentHelp("Deploy the project's containers on one engine (containers, the default), or as a stack of services on a Docker Swarm (swarm).",
                               valueName: "containers|swarm"))
    var target: DeploymentTarget?

    /// The target, `containers` when not given.
    var deploymentTarget: DeploymentTarget { target ?? .containers }
}
