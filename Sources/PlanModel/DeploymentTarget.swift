/// What a plan deploys to (`--target`): a project's containers on one
/// Docker Engine, as `docker compose up` runs them, or a stack of services
/// on a Docker Swarm, as `docker stack deploy` runs them.
public enum DeploymentTarget: String, Codable, Hashable, Sendable, CaseIterable {
    case containers
    case swarm
}
