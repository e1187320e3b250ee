import ComposeModel
import DockerModel
import PlanModel

/// A Docker Engine, real (`DockerEngine`) or simulated (`SimulatedEngine`):
/// what composeplan observes and the atomic operations a plan is made of.
///
/// Every method throws `EngineError`. References (`reference` parameters)
/// are ids or names, as the Docker API accepts them. Operations take request
/// values built in advance (`NetworkCreateRequest`, `VolumeCreateRequest`,
/// `ContainerCreateRequest`, `NetworkEndpoint`), so both engines receive the
/// exact Engine API body.
public protocol ContainerEngine: Sendable {
    /// Which engine this is: kind (`docker`/`simulated`), address, versions.
    func identity() async throws -> EngineIdentity

    // MARK: Observation

    /// The containers (`GET /containers/json?all=1`), networks (`GET
    /// /networks`) and volumes (the `Volumes` of `GET /volumes`) carrying
    /// `com.docker.compose.project=<project>`, as the API returned them, plus
    /// `GET /version` in `engine`.
    func snapshot(project: String) async throws -> Snapshot

    /// `GET /containers/{reference}/json`: state, exit code, health, mounts.
    func inspectContainer(_ reference: String) async throws -> ContainerInspection

    // MARK: Images

    /// `GET /images/{reference}/json`: the local image, `nil` when it is not
    /// present (404).
    func inspectImage(_ reference: String) async throws -> ImageInspection?

    /// `GET /distribution/{reference}/json`: the registry's current manifest
    /// digest for `reference` (`Descriptor.digest`), asked through the daemon
    /// without pulling. Errors name the image and the registry and say
    /// whether the tag or repository is unknown, the credentials missing or
    /// refused, or the registry unreachable (`EngineError.registryProblem`).
    func distributionDigest(_ reference: String, auth: RegistryAuth?) async throws -> String

    /// The same answer with the platforms the registry lists for the
    /// reference (`Platforms`, each `{"Architecture", "OS"}`); by default,
    /// the digest alone.
    func distributionInspect(_ reference: String, auth: RegistryAuth?) async throws -> DistributionAnswer

    /// `POST /images/create?fromImage=…&tag=…` with `auth` in
    /// `X-Registry-Auth`: pulls `reference`, calling `progress` for every
    /// line of the daemon's progress stream, and returns the pulled digest
    /// and the image's ID. A failure, before or during the stream, names the
    /// image, the registry and the daemon's message.
    func pullImage(_ reference: String, auth: RegistryAuth?,
                   progress: @Sendable (PullProgress) -> Void) async throws -> PulledImage

    /// `POST /build` (the classic builder) with the request's context and
    /// parameters: builds and tags the image, calling `output` for every
    /// line the build prints, and returns the image's ID. A failing step
    /// throws naming the step and its last lines of output.
    func buildImage(_ request: ImageBuildRequest, output: @Sendable (String) -> Void) async throws -> BuiltImage

    /// Creates image `reference` from a root filesystem tar (`POST
    /// /images/create?fromSrc=-`, what `docker import` does): no registry
    /// involved.
    func importImage(_ reference: String, rootFilesystem tar: [UInt8]) async throws

    // MARK: Networks

    /// The ids of the networks named exactly `name` (`GET /networks` with a
    /// name filter, which matches substrings, narrowed to the exact name):
    /// Docker does not keep network names unique.
    func networkIDs(named name: String) async throws -> [String]
    /// Creates a network; returns its id. 409 when the name is taken.
    func createNetwork(_ request: NetworkCreateRequest) async throws -> String
    /// Removes a network. 403 while a running container is attached, 404 when unknown.
    func removeNetwork(_ reference: String) async throws
    /// Connects a container to `endpoint.network` with the endpoint's aliases and addresses.
    func connectContainer(_ container: String, to endpoint: NetworkEndpoint) async throws
    /// Disconnects a container from a network. 500 when it is not connected.
    func disconnectContainer(_ container: String, from network: String, force: Bool) async throws

    // MARK: Volumes

    /// Creates a volume; returns its name. Like Docker, creating an existing
    /// name succeeds and returns the existing volume unchanged.
    func createVolume(_ request: VolumeCreateRequest) async throws -> String
    /// Removes a volume. 409 while any container (running or not) uses it.
    func removeVolume(_ name: String) async throws

    // MARK: Containers

    /// Creates a container, then connects it to the request's extra
    /// networks (API 1.41 accepts one network at creation); returns its id.
    /// When a connection fails, the new container is removed again and the
    /// error is thrown. A missing image is a 404 whose message names it
    /// (pulls are plan nodes of their own: `pullImage`).
    func createContainer(_ request: ContainerCreateRequest) async throws -> String
    /// Starts a container; `.unchanged` when it was already running (304).
    @discardableResult
    func startContainer(_ reference: String) async throws -> StateChange
    /// Resumes a paused container (`POST /containers/{id}/unpause`); 409 when it is not paused.
    func unpauseContainer(_ reference: String) async throws
    /// Stops a container, waiting up to `timeout` seconds before it is killed
    /// (`nil`: the container's own stop timeout); `.unchanged` when it was not running (304).
    @discardableResult
    func stopContainer(_ reference: String, timeout: Int?) async throws -> StateChange
    /// Removes a container (its anonymous volumes stay, so a replacement can
    /// inherit them). 409 when it is running and `force` is false.
    func removeContainer(_ reference: String, force: Bool) async throws
    /// Renames a container. 409 when the name is taken.
    func renameContainer(_ reference: String, to name: String) async throws
    /// Writes `files` into a container (created or running) at their
    /// absolute paths, creating parent folders (`PUT
    /// /containers/{id}/archive?path=/` with a tar body). 404 when the
    /// container is unknown.
    func copyFiles(_ files: [ContainerFile], into container: String) async throws
    /// Runs a command in a running container and waits for it to end
    /// (`POST /containers/{id}/exec`, `POST /exec/{id}/start`, `GET
    /// /exec/{id}/json`). 409 when the container is not running.
    func exec(_ request: ExecRequest, in container: String) async throws -> ExecResult
}

/// Whether a start or stop changed the container's state.
public enum StateChange: String, Hashable, Sendable {
    /// The container was started or stopped.
    case changed
    /// It already was in the requested state (HTTP 304); not an error.
    case unchanged
}

/// What the registry says of a reference through the daemon (`GET
/// /distribution/{name}/json`): its manifest digest and the platforms it
/// lists.
public struct DistributionAnswer: Hashable, Sendable {
    public var digest: String
    /// Each `{"Architecture": "amd64", "OS": "linux"}`; empty when not listed.
    public var platforms: [JSONValue]

    public init(digest: String, platforms: [JSONValue] = []) {
        self.digest = digest
        self.platforms = platforms
    }
}

extension ContainerEngine {
    public func distributionInspect(_ reference: String, auth: RegistryAuth?) async throws -> DistributionAnswer {
        DistributionAnswer(digest: try await distributionDigest(reference, auth: auth))
    }
}
