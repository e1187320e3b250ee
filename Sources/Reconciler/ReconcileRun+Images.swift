import ComposeModel
import DockerModel
import PlanModel

/// Step 0 of the plan: the images the project's containers are created
/// from, pulled as compose's pull rules say, one `PullImage` per distinct
/// reference. Creates wait for the pulls of their own images only.
extension ReconcileRun {
    /// The images the active services use: each service's `image` and the
    /// sources of its `type: image` volumes, with the services using them.
    /// A service with `build:` is pulled only as compose pulls it: when it
    /// names its `image:` and neither `pull_policy: build` nor `--build`
    /// says to build it; so is the image of another service that names an
    /// image one of them builds.
    func imageUses() -> [String: [(service: String, policy: PullPolicy)]] {
        var built: Set<String> = []
        for service in project.services.values where service.build != nil && service.desiredScale > 0 {
            if let image = service.imageName(project: project.name), !pullsBeforeBuilding(service) { built.insert(image) }
        }
        var uses: [String: [(service: String, policy: PullPolicy)]] = [:]
        for name in project.serviceNames {
            let service = project.services[name]!
            guard service.desiredScale > 0 else { continue }
            let policy = pullPolicy(of: service)
            if let image = service.image, !image.isEmpty, !built.contains(image) {
                uses[image, default: []].append((name, policy))
            }
            for volume in service.volumes where volume.type == .image {
                if let source = volume.source, !source.isEmpty { uses[source, default: []].append((name, policy)) }
            }
        }
        return uses
    }

    /// Whether compose tries a pull for `service`, which has `build:`,
    /// before (or instead of) building it: it names its image, and neither
    /// `--build` nor a `build`/`never` policy rules the pull out.
    func pullsBeforeBuilding(_ service: ServiceConfig) -> Bool {
        guard let image = service.image, !image.isEmpty, options.build != .always else { return false }
        switch pullPolicy(of: service) {
        case .build, .never: return false
        case .always, .missing, .refresh: return true
        }
    }

    /// Whether some active service builds `image`, so that a failed pull of
    /// it can be tolerated (compose's rule), unless `--no-build` forbids it.
    func canBuild(_ image: String) -> Bool {
        guard options.build != .never else { return false }
        return project.services.values.contains {
            $0.build != nil && $0.desiredScale > 0 && $0.imageName(project: project.name) == image
        }
    }

    /// The policy that applies to `service`'s images: `--pull`, else its `pull_policy`.
    func pullPolicy(of service: ServiceConfig) -> PullPolicy {
        switch options.pull ?? .policy {
        case .always: .always
        case .missing: .missing
        case .never: .never
        case .policy: service.effectivePullPolicy
        }
    }

    /// Plans the pulls and records each image's outlook. Images unknown to
    /// the observation (a snapshot without `images`) are neither pulled
    /// nor judged.
    mutating func planImages() {
        guard let images = observed.images else { return }
        let flag = options.pull.flatMap { $0 == .policy ? nil : "--pull \($0.rawValue)" }
        let uses = imageUses()
        for reference in uses.keys.sorted() {
            guard let observation = images[reference] else { continue }
            let strongest = uses[reference]!.max { $0.policy.strength < $1.policy.strength }!.policy
            let decision = ImagePullDecision.decide(policy: strongest, flag: flag, observation: observation, now: observed.time)
            imageOutlooks[reference] = decision.outlook
            guard let cause = decision.pullCause else { continue }
            // A pull of an image a service builds may fail: the build
            // takes over when the image is absent, and the local image
            // stays when it is present.
            let tolerated = canBuild(reference)
            let suffix = !tolerated ? "" : observation.image == nil ? " (build if it fails)" : " (keeps local if it fails)"
            pullNodes[reference] = builder.add(.pullImage, .image(reference: reference), cause: cause + suffix,
                                               bestEffort: tolerated, details: OperationDetails(digest: observation.registryDigest))
        }
    }

    /// Plans the builds: one `BuildImage` per image name that a service
    /// with `build:` runs, when the image is absent, with `pull_policy:
    /// build`, or with `--build`; never with `--no-build`. Images unknown
    /// to the observation count as present.
    mutating func planBuilds() {
        for name in project.serviceNames {
            let service = project.services[name]!
            guard service.desiredScale > 0, service.build != nil, let image = service.imageName(project: project.name),
                  buildNodes[image] == nil else { continue }
            let observation = observed.images?[image]
            let absent = observation != nil && observation?.image == nil
            if let pull = pullNodes[image] {
                // Compose pulls first; a build replaces a failed pull of an absent image.
                guard absent, builder.nodes[pull - 1].bestEffort else { continue }
                let build = builder.add(.buildImage, .image(reference: image), cause: "not present (if pull fails)",
                                        after: [pull], details: OperationDetails(service: name, serviceConfig: service))
                builder.setCondition(.failed(node: pull), from: build)
                buildNodes[image] = build
                continue
            }
            let cause: String
            switch options.build {
            case .never?:
                if absent { imageOutlooks[image] = .absent(reason: "--no-build") }
                continue
            case .always?:
                cause = absent ? "not present" : "--build"
            case nil:
                if pullPolicy(of: service) == .build {
                    cause = absent ? "not present" : "pull_policy build"
                } else if absent {
                    cause = "not present"
                } else {
                    continue
                }
            }
            let build = builder.add(.buildImage, .image(reference: image), cause: cause,
                                    details: OperationDetails(service: name, serviceConfig: service))
            buildNodes[image] = build
            // A rebuild of a present image may give the same ID (every step
            // cached): its containers' recreates are conditional on it.
            imageOutlooks[image] = absent ? .replaced : .rebuilt(build: build)
        }
    }

    /// The pulls and builds a create of `service` waits for: its image's
    /// and its image volumes'.
    func imageDependencies(of service: ServiceConfig) -> [Int] {
        var references: [String] = []
        if let image = service.imageName(project: project.name) { references.append(image) }
        references += service.volumes.filter { $0.type == .image }.compactMap(\.source)
        // A fallback build waits for its pull: the build is the last step either way.
        return references.compactMap { buildNodes[$0] ?? pullNodes[$0] }
    }

    /// Notes that a container of `service` is created: an image that is
    /// absent and will not be pulled makes the plan fail, naming the first
    /// service (in planning order) that needs it.
    mutating func noteCreate(of service: ServiceConfig) {
        guard unavailableImage == nil, let image = service.imageName(project: project.name),
              case .absent(let reason)? = imageOutlooks[image] else { return }
        unavailableImage = service.build != nil
            ? "service \"\(service.name)\" needs image \(image), which is not present, and \(reason) forbids building it"
            : "service \"\(service.name)\" needs image \(image), which is not present, and its pull policy forbids pulling it (\(reason)); pull it, or plan with another --pull"
    }

    /// How `container`'s image stands against the image its service will
    /// run after the plan.
    enum ImageVerdict {
        case same
        /// Its label differs from the image's ID after the plan (`image
        /// changed`): that ID, shortened, or what will give it.
        case changed(to: String)
        /// A rebuild decides: changed unless it gives the labelled ID.
        case changedIf(RunCondition)
    }

    /// The verdict on `container`'s image. Containers without the label
    /// are never recreated for its absence.
    func imageVerdict(_ container: ObservedContainer, service: ServiceConfig) -> ImageVerdict {
        guard let label = container.imageID, let image = service.imageName(project: project.name) else { return .same }
        switch imageOutlooks[image] {
        case .present(let id)?: return label != id ? .changed(to: ImagePullDecision.short(id)) : .same
        case .replaced?: return .changed(to: pullNodes[image].map { "the image #\($0) pulls" }
                                              ?? buildNodes[image].map { "the image #\($0) builds" } ?? "another image")
        case .rebuilt(let build)?: return .changedIf(.imageChanged(build: build, unlessImage: label))
        case .unknown?, .absent?, nil: return .same
        }
    }
}
