import ComposeModel
import Engine
import PlanModel

/// Services and projects shared by the Engine tests.
enum Fixtures {
    static let project = ProjectContext(
        name: "shop", workingDirectory: "/srv/shop",
        configFiles: ["/srv/shop/compose.yaml", "/srv/shop/compose.override.yaml"],
        networks: ["front": NetworkConfig(name: "shop_front"), "back": NetworkConfig(name: "shop_back")],
        volumes: ["data": VolumeConfig(name: "shop_data")],
        secrets: ["token": FileObjectConfig(file: "/srv/shop/token.txt"), "fromenv": FileObjectConfig(environment: "TOKEN", environmentValue: "t0k3n")],
        configs: ["conf": FileObjectConfig(file: "/srv/shop/app.conf")])

    /// A service using most of what the builder maps.
    static var richService: ServiceConfig {
        var service = ServiceConfig(name: "web")
        service.image = "nginx:1.25"
        service.command = ["nginx", "-g", "daemon off;"]
        service.entrypoint = ["/docker-entrypoint.sh"]
        service.environment = ["B": "2", "A": "1", "UNSET": nil]
        service.labels = ["app": "web", ComposeLabel.project: "spoofed"]
        service.ports = [
            ServicePort(target: 80, published: "8080", hostIP: "127.0.0.1"),
            ServicePort(target: 80, published: "8081"),
            ServicePort(target: 53, protocol: "udp"),
        ]
        service.expose = ["9000", "7000-7001/udp"]
        var anonymous = ServiceVolume(type: .volume, source: nil, target: "/cache")
        anonymous.volume = ServiceVolume.VolumeOptions(nocopy: true)
        var shortBind = ServiceVolume(type: .bind, source: "/srv/shop/site", target: "/usr/share/nginx/html", readOnly: true)
        shortBind.bind = ServiceVolume.BindOptions(createHostPath: true)
        var tmpfs = ServiceVolume(type: .tmpfs, source: nil, target: "/scratch")
        tmpfs.tmpfs = ServiceVolume.TmpfsOptions(size: ByteCount(bytes: 1_048_576), mode: 0o1777)
        service.volumes = [
            ServiceVolume(type: .volume, source: "data", target: "/data"),
            anonymous,
            shortBind,
            ServiceVolume(type: .bind, source: "/etc/shop", target: "/etc/shop", readOnly: true),
            tmpfs,
        ]
        var front = ServiceNetworkAttachment()
        front.aliases = ["www", "web"]
        front.ipv4Address = "10.0.0.5"
        var back = ServiceNetworkAttachment()
        back.priority = 10
        service.networks = ["front": front, "back": back]
        var healthcheck = Healthcheck(test: ["CMD", "curl", "-f", "http://localhost"])
        healthcheck.interval = ComposeDuration(seconds: 30)
        healthcheck.timeout = ComposeDuration(seconds: 5)
        healthcheck.startPeriod = ComposeDuration(seconds: 10)
        healthcheck.retries = 3
        service.healthcheck = healthcheck
        service.restart = "on-failure:5"
        service.dependsOn = [
            "db": ServiceDependency(condition: .healthy, restart: true),
            "cache": ServiceDependency(),
        ]
        service.secrets = [ServiceFileReference(source: "token"), ServiceFileReference(source: "fromenv"),
                           ServiceFileReference(source: "token", target: "/etc/token")]
        service.configs = [ServiceFileReference(source: "conf"), ServiceFileReference(source: "conf", target: "/etc/app.conf")]
        service.otherFields = ["mem_limit": "512m", "cpus": .double(1.5), "pids_limit": 100, "group_add": ["audio", 44],
                               "cpu_rt_runtime": "400ms", "runtime": "runc"]
        service.stopGracePeriod = ComposeDuration(seconds: 2.5)
        service.stopSignal = "SIGQUIT"
        service.user = "101:101"
        service.workingDir = "/app"
        service.hostname = "web"
        service.`init` = true
        service.readOnly = true
        service.capAdd = ["NET_ADMIN"]
        service.capDrop = ["ALL"]
        service.extraHosts = ["db.local:10.0.0.2"]
        service.dns = ["1.1.1.1"]
        service.sysctls = ["net.core.somaxconn": "1024"]
        service.ulimits = ["nofile": Ulimit(soft: 1024, hard: 2048), "nproc": Ulimit(soft: 64, hard: 64)]
        service.logging = LoggingConfig(driver: "json-file", options: ["max-size": "10m"])
        service.shmSize = ByteCount(bytes: 67_108_864)
        service.tmpfs = ["/run", "/var/cache:size=64m"]
        service.devices = [DeviceMapping(source: "/dev/fuse", target: "/dev/fuse")]
        service.securityOpt = ["no-new-privileges:true"]
        return service
    }

    /// A minimal service on the project's `back` network.
    static func simpleService(_ name: String, image: String = "composeplan-test/busybox:latest") -> ServiceConfig {
        var service = ServiceConfig(name: name)
        service.image = image
        service.command = ["sleep", "3600"]
        service.`init` = true
        service.networks = ["back": ServiceNetworkAttachment()]
        return service
    }
}
