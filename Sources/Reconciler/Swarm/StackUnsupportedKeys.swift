import ComposeModel

/// The compose keys a Swarm service ignores: `docker stack deploy` warns
/// "Ignoring unsupported options" and "Ignoring deprecated options" for
/// them; composeplan names them in a plan warning too.
enum StackUnsupportedKeys {
    /// The keys `service` sets that Swarm ignores, in file order of the
    /// docker CLI's lists.
    static func keys(of service: ServiceConfig) -> [String] {
        var keys: [String] = []
        if service.build != nil { keys.append("build") }
        if service.otherFields["cgroup_parent"] != nil { keys.append("cgroup_parent") }
        if service.otherFields["cgroupns_mode"] != nil { keys.append("cgroupns_mode") }
        if service.containerName != nil { keys.append("container_name") }
        if !service.dependsOn.isEmpty { keys.append("depends_on") }
        if !service.devices.isEmpty { keys.append("devices") }
        if service.domainname != nil { keys.append("domainname") }
        if !service.expose.isEmpty { keys.append("expose") }
        if !service.externalLinks.isEmpty { keys.append("external_links") }
        if service.ipc != nil { keys.append("ipc") }
        if !service.links.isEmpty { keys.append("links") }
        if service.otherFields["mac_address"] != nil { keys.append("mac_address") }
        if service.networkMode != nil { keys.append("network_mode") }
        if service.pid != nil { keys.append("pid") }
        if service.privileged != nil { keys.append("privileged") }
        if service.scale != nil { keys.append("scale") }
        if !service.securityOpt.isEmpty { keys.append("security_opt") }
        if service.shmSize != nil { keys.append("shm_size") }
        if service.otherFields["userns_mode"] != nil { keys.append("userns_mode") }
        if !service.volumesFrom.isEmpty { keys.append("volumes_from") }
        return keys
    }
}
