import ComposeModel
import DockerModel
import Foundation

/// Turns a project into the ``StackDefinition`` that `docker stack deploy`
/// creates from the same files: names in the stack's namespace, the labels
/// the docker CLI writes, overlay networks, secrets and configs as Swarm
/// objects, and one `ServiceSpec` per service (the `deploy:` section read
/// as Swarm reads it).
///
/// Pure: file-backed secrets and configs come in as `fileContents`, read
/// by the caller.
public struct StackConverter: Sendable {
    public var project: Project
    /// The content of each secret or config file, by absolute path.
    public var fileContents: [String: [UInt8]]
    /// The registry digest of each image as the files name it; a spec's
    /// image is pinned to it (`busybox:1@sha256:…`) as `docker stack
    /// deploy` pins it. An image the registry could not answer for is sent
    /// as written.
    public var imageDigests: [String: String]
    /// The platforms the registry lists for each image (`{"Architecture",
    /// "OS"}`): the service is placed on them, as the docker CLI places it.
    public var imagePlatforms: [String: [JSONValue]]

    public init(project: Project, fileContents: [String: [UInt8]] = [:], imageDigests: [String: String] = [:],
                imagePlatforms: [String: [JSONValue]] = [:]) {
        self.project = project
        self.fileContents = fileContents
        self.imageDigests = imageDigests
        self.imagePlatforms = imagePlatforms
    }

    /// The stack of the project.
    public func definition() throws(ReconcileError) -> StackDefinition {
        let stack = project.name
        var services: [String: StackService] = [:]
        var warnings: [String] = []
        var usedNetworks: Set<String> = []
        var usedSecrets: Set<String> = []
        var usedConfigs: Set<String> = []
        for name in project.services.keys.sorted() {
            let service = project.services[name]!
            let ignored = StackUnsupportedKeys.keys(of: service)
            if !ignored.isEmpty {
                warnings.append("service \(name): ignoring \(ignored.joined(separator: ", ")) (Swarm does not use them)")
            }
            let converted = try ServiceSpecConverter(stack: stack, project: project, service: service,
                                                     imageDigests: imageDigests, imagePlatforms: imagePlatforms).stackService()
            usedNetworks.formUnion(service.networks.keys)
            usedSecrets.formUnion(service.secrets.map(\.source))
            usedConfigs.formUnion(service.configs.map(\.source))
            services[name] = converted
        }
        var networks: [String: StackNetwork] = [:]
        for key in usedNetworks.sorted() {
            let network = try self.network(key)
            networks[network.name] = network
        }
        var secrets: [String: StackFileObject] = [:]
        for key in usedSecrets.sorted() {
            secrets[key] = try fileObject(key, kind: "secret", declared: project.secrets[key])
        }
        var configs: [String: StackFileObject] = [:]
        for key in usedConfigs.sorted() {
            configs[key] = try fileObject(key, kind: "config", declared: project.configs[key])
        }
        return StackDefinition(stack: stack, networks: networks, secrets: secrets, configs: configs, services: services,
                               warnings: warnings)
    }

    /// A network as `docker stack deploy` creates it: overlay unless the
    /// files name a driver, labelled with the stack.
    func network(_ key: String) throws(ReconcileError) -> StackNetwork {
        let config = project.networks[key] ?? NetworkConfig(name: "\(project.name)_\(key)")
        if config.external { return StackNetwork(name: config.name, external: true, request: .null) }
        var labels = config.labels.mapValues(JSONValue.string)
        labels[StackLabel.namespace] = .string(project.name)
        var request: [String: JSONValue] = [
            "Name": .string(config.name),
            "Driver": .string(config.driver ?? "overlay"),
            "Labels": .object(labels),
            "CheckDuplicate": .bool(true),
        ]
        if !config.driverOpts.isEmpty { request["Options"] = .object(config.driverOpts.mapValues(JSONValue.string)) }
        if config.internal == true { request["Internal"] = .bool(true) }
        if config.attachable == true { request["Attachable"] = .bool(true) }
        if let ipam = config.ipam {
            var pools: [JSONValue] = []
            for pool in ipam.config {
                var members: [String: JSONValue] = [:]
                if let subnet = pool.subnet { members["Subnet"] = .string(subnet) }
                if let range = pool.ipRange { members["IPRange"] = .string(range) }
                if let gateway = pool.gateway { members["Gateway"] = .string(gateway) }
                if !pool.auxAddresses.isEmpty { members["AuxiliaryAddresses"] = .object(pool.auxAddresses.mapValues(JSONValue.string)) }
                pools.append(.object(members))
            }
            request["IPAM"] = .object(["Driver": .string(ipam.driver ?? "default"), "Config": .array(pools)])
        }
        return StackNetwork(name: config.name, external: false, request: .object(request))
    }

    /// A secret or config: its name, and its content from the file, the
    /// environment variable or the inline `content:`.
    func fileObject(_ key: String, kind: String, declared: FileObjectConfig?) throws(ReconcileError) -> StackFileObject {
        guard let declared else { throw ReconcileError("undefined \(kind) \"\(key)\"") }
        let name = declared.name ?? "\(project.name)_\(key)"
        if declared.external { return StackFileObject(key: key, name: name, external: true, digest: "", data: "") }
        let bytes: [UInt8]
        if let path = declared.file {
            guard let content = fileContents[path] else {
                throw ReconcileError("\(kind) \"\(key)\": the file \(path) could not be read")
            }
            bytes = content
        } else if let value = declared.environmentValue {
            bytes = Array(value.utf8)
        } else if let content = declared.content {
            bytes = Array(content.utf8)
        } else if let variable = declared.environment {
            throw ReconcileError("\(kind) \"\(key)\": the environment variable \(variable) is not set")
        } else {
            throw ReconcileError("\(kind) \"\(key)\" has no file, environment or content")
        }
        let data = Data(bytes)
        return StackFileObject(key: key, name: name, external: false, digest: SHA256Hex.digest(of: data),
                               data: data.base64EncodedString())
    }
}
