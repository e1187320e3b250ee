/// The keys each nested mapping of a compose file may hold (the compose
/// specification's properties), checked by `NodeReader.mapping(allowedKeys:)`.
///
/// Built once: a set written at the call would be built, and its keys
/// hashed, for every service that has the field.
enum AllowedKeys {
    // Services.
    static let deploy: Set<String> = ["mode", "replicas", "labels", "resources", "restart_policy", "placement",
                                      "update_config", "rollback_config", "endpoint_mode"]
    static let deployResources: Set<String> = ["limits", "reservations"]
    static let resourceLimits: Set<String> = ["cpus", "memory", "pids", "devices", "generic_resources"]
    static let dependency: Set<String> = ["condition", "required", "restart"]
    static let port: Set<String> = ["target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"]
    static let networkAttachment: Set<String> = ["aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address",
                                                 "driver_opts", "priority", "gw_priority", "interface_name"]
    static let envFile: Set<String> = ["path", "required", "format"]
    static let healthcheck: Set<String> = ["test", "interval", "timeout", "start_period", "start_interval", "retries", "disable"]
    static let ulimit: Set<String> = ["soft", "hard"]
    static let logging: Set<String> = ["driver", "options"]
    static let volumeMount: Set<String> = ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image"]
    static let bindOptions: Set<String> = ["propagation", "create_host_path", "selinux"]
    static let volumeOptions: Set<String> = ["nocopy", "subpath"]
    static let tmpfsOptions: Set<String> = ["size", "mode"]
    static let imageOptions: Set<String> = ["subpath"]
    static let device: Set<String> = ["source", "target", "permissions"]
    static let fileReference: Set<String> = ["source", "target", "uid", "gid", "mode"]

    // Top-level resources.
    static let network: Set<String> = ["driver", "driver_opts", "ipam", "external", "internal", "attachable", "enable_ipv6",
                                       "enable_ipv4", "labels", "name"]
    static let volume: Set<String> = ["driver", "driver_opts", "external", "labels", "name"]
    static let fileObject: Set<String> = ["file", "environment", "external", "name", "content", "labels", "driver", "driver_opts",
                                          "template_driver"]
    static let external: Set<String> = ["name"]
    static let ipam: Set<String> = ["driver", "config", "options"]
    static let ipamPool: Set<String> = ["subnet", "ip_range", "gateway", "aux_addresses"]
}
