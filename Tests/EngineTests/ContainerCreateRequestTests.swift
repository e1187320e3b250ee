import ComposeModel
import Engine
import PlanModel
import Testing

/// The container-create builder, without a daemon.
@Suite struct ContainerCreateRequestTests {
    let hash = "0123abcd"

    func request(_ service: ServiceConfig = Fixtures.richService, name: String = "shop-web-1",
                 inherited: [String: String] = [:]) throws -> ContainerCreateRequest {
        try ContainerCreateRequest(service: service, project: Fixtures.project, number: 1, name: name,
                                   configHash: hash, inheritedVolumes: inherited)
    }

    @Test func imageCommandAndEnvironment() throws {
        let body = try request().body
        #expect(body["Image"] == "nginx:1.25")
        #expect(body["Cmd"] == ["nginx", "-g", "daemon off;"])
        #expect(body["Entrypoint"] == ["/docker-entrypoint.sh"])
        // Sorted, and a variable without a value is left out.
        #expect(body["Env"] == ["A=1", "B=2"])
        #expect(body["User"] == "101:101")
        #expect(body["WorkingDir"] == "/app")
        #expect(body["Hostname"] == "web")
        #expect(body["StopSignal"] == "SIGQUIT")
        #expect(body["StopTimeout"] == 3)
    }

    @Test func composeLabelsIncludingConfigHashAndDependsOn() throws {
        let labels = try request().labels
        #expect(labels[ComposeLabel.project] == "shop")
        #expect(labels[ComposeLabel.service] == "web")
        #expect(labels[ComposeLabel.containerNumber] == "1")
        #expect(labels[ComposeLabel.oneoff] == "False")
        #expect(labels[ComposeLabel.configHash] == hash)
        #expect(labels[ComposeLabel.workingDir] == "/srv/shop")
        #expect(labels[ComposeLabel.configFiles] == "/srv/shop/compose.yaml,/srv/shop/compose.override.yaml")
        #expect(labels[ComposeLabel.version] == ComposeLabel.composeVersion)
        #expect(labels[ComposeLabel.dependsOn] == "cache:service_started:false,db:service_healthy:true")
        #expect(labels["app"] == "web")
    }

    @Test func portsAndExposedPorts() throws {
        let body = try request().body
        let exposed = try #require(body["ExposedPorts"]?.objectValue)
        #expect(Set(exposed.keys) == ["80/tcp", "53/udp", "9000/tcp", "7000/udp", "7001/udp"])
        let bindings = try #require(body["HostConfig"]?["PortBindings"])
        #expect(bindings["80/tcp"] == [["HostIp": "127.0.0.1", "HostPort": "8080"], ["HostIp": "", "HostPort": "8081"]])
        #expect(bindings["53/udp"] == [["HostIp": "", "HostPort": ""]])
    }

    @Test func mountsOfEveryKind() throws {
        let hostConfig = try #require(try request().body["HostConfig"])
        let mounts = try #require(hostConfig["Mounts"]?.arrayValue)
        let byTarget = Dictionary(uniqueKeysWithValues: mounts.map { ($0["Target"]!.stringValue!, $0) })
        #expect(byTarget["/data"] == ["Type": "volume", "Source": "shop_data", "Target": "/data"])
        #expect(byTarget["/cache"] == ["Type": "volume", "Target": "/cache", "VolumeOptions": ["NoCopy": true]])
        #expect(byTarget["/etc/shop"] == ["Type": "bind", "Source": "/etc/shop", "Target": "/etc/shop", "ReadOnly": true])
        #expect(byTarget["/scratch"] == ["Type": "tmpfs", "Target": "/scratch",
                                         "TmpfsOptions": ["SizeBytes": 1_048_576, "Mode": 0o1777]])
        // The short syntax may create its host path: legacy Binds.
        #expect(hostConfig["Binds"] == ["/srv/shop/site:/usr/share/nginx/html:ro"])
        #expect(byTarget["/usr/share/nginx/html"] == nil)
        #expect(hostConfig["Tmpfs"] == ["/run": "", "/var/cache": "size=64m"])
    }

    @Test func secretsAndConfigsAreReadOnlyBindsOfTheirFiles() throws {
        let mounts = try #require(try request().body["HostConfig"]?["Mounts"]?.arrayValue)
        let binds = mounts.filter { $0["Type"] == "bind" && $0["ReadOnly"] == true }
        let targets = Dictionary(binds.map { ($0["Target"]!.stringValue!, $0["Source"]!.stringValue!) }, uniquingKeysWith: { a, _ in a })
        #expect(targets["/run/secrets/token"] == "/srv/shop/token.txt")
        #expect(targets["/etc/token"] == "/srv/shop/token.txt")
        #expect(targets["/conf"] == "/srv/shop/app.conf")
        #expect(targets["/etc/app.conf"] == "/srv/shop/app.conf")
        // An environment-backed secret has no file to bind.
        #expect(targets["/run/secrets/fromenv"] == nil)
    }

    @Test func healthcheckDurationsInNanoseconds() throws {
        let healthcheck = try request().body["Healthcheck"]
        #expect(healthcheck == ["Test": ["CMD", "curl", "-f", "http://localhost"], "Interval": 30_000_000_000,
                                "Timeout": 5_000_000_000, "StartPeriod": 10_000_000_000, "Retries": 3])
        var disabled = Fixtures.richService
        disabled.healthcheck = Healthcheck(test: ["NONE"])
        #expect(try request(disabled).body["Healthcheck"] == ["Test": ["NONE"]])
    }

    @Test func hostOptionsAndResources() throws {
        let hostConfig = try #require(try request().body["HostConfig"])
        #expect(hostConfig["RestartPolicy"] == ["Name": "on-failure", "MaximumRetryCount": 5])
        #expect(hostConfig["Init"] == true)
        #expect(hostConfig["ReadonlyRootfs"] == true)
        #expect(hostConfig["CapAdd"] == ["NET_ADMIN"])
        #expect(hostConfig["CapDrop"] == ["ALL"])
        #expect(hostConfig["ExtraHosts"] == ["db.local:10.0.0.2"])
        #expect(hostConfig["Dns"] == ["1.1.1.1"])
        #expect(hostConfig["Sysctls"] == ["net.core.somaxconn": "1024"])
        #expect(hostConfig["Ulimits"] == [["Name": "nofile", "Soft": 1024, "Hard": 2048], ["Name": "nproc", "Soft": 64, "Hard": 64]])
        #expect(hostConfig["LogConfig"] == ["Type": "json-file", "Config": ["max-size": "10m"]])
        #expect(hostConfig["ShmSize"] == 67_108_864)
        #expect(hostConfig["Devices"] == [["PathOnHost": "/dev/fuse", "PathInContainer": "/dev/fuse", "CgroupPermissions": "rwm"]])
        #expect(hostConfig["SecurityOpt"] == ["no-new-privileges:true"])
        #expect(hostConfig["Memory"] == .int(512 * 1024 * 1024))
        #expect(hostConfig["NanoCpus"] == 1_500_000_000)
        #expect(hostConfig["PidsLimit"] == 100)
        #expect(hostConfig["GroupAdd"] == ["audio", "44"])
        #expect(hostConfig["CpuRealtimeRuntime"] == 400_000)
        #expect(hostConfig["Runtime"] == "runc")
    }

    @Test func everyLegacyResourceKeyReachesItsHostConfigField() throws {
        var service = Fixtures.richService
        service.otherFields = ["mem_swappiness": 10, "pids_limit": 11, "cpu_shares": 12, "cpu_period": 13, "cpu_quota": 14,
                               "cpu_count": 15, "cpu_percent": 16, "oom_score_adj": 17, "runtime": "runsc",
                               "cgroup_parent": "/ci", "isolation": "default", "volume_driver": "local"]
        let hostConfig = try #require(try request(service).body["HostConfig"])
        let integers: [String: JSONValue] = ["MemorySwappiness": 10, "PidsLimit": 11, "CpuShares": 12, "CpuPeriod": 13,
                                             "CpuQuota": 14, "CpuCount": 15, "CpuPercent": 16, "OomScoreAdj": 17]
        for (field, value) in integers { #expect(hostConfig[field] == value, "\(field)") }
        let strings: [String: JSONValue] = ["Runtime": "runsc", "CgroupParent": "/ci", "Isolation": "default", "VolumeDriver": "local"]
        for (field, value) in strings { #expect(hostConfig[field] == value, "\(field)") }
    }

    @Test func deployLimitsWinOverLegacyKeys() throws {
        var service = Fixtures.richService
        service.deploy = DeployConfig(resources: .init(limits: .init(cpus: "0.25", memory: ByteCount(bytes: 1000), pids: 7),
                                                       reservations: .init(memory: ByteCount(bytes: 500))))
        let hostConfig = try #require(try request(service).body["HostConfig"])
        #expect(hostConfig["NanoCpus"] == 250_000_000)
        #expect(hostConfig["Memory"] == 1000)
        #expect(hostConfig["PidsLimit"] == 7)
        #expect(hostConfig["MemoryReservation"] == 500)
    }

    @Test func primaryNetworkByPriorityAndExtraNetworks() throws {
        // The temporary name of a recreate: aliases still use the final name.
        let request = try request(name: "0123456789ab_shop-web-1")
        #expect(request.name == "0123456789ab_shop-web-1")
        let primary = try #require(request.primaryNetwork)
        #expect(primary.network == "shop_back")
        #expect(primary.aliases == ["web", "shop-web-1"])
        #expect(request.body["HostConfig"]?["NetworkMode"] == "shop_back")
        let endpoints = try #require(request.body["NetworkingConfig"]?["EndpointsConfig"]?.objectValue)
        #expect(endpoints.count == 1)
        #expect(endpoints["shop_back"] == primary.settings)
        #expect(request.extraNetworks.count == 1)
        let front = request.extraNetworks[0]
        #expect(front.network == "shop_front")
        #expect(front.aliases == ["web", "shop-web-1", "www"])
        #expect(front.settings["IPAMConfig"] == ["IPv4Address": "10.0.0.5"])
    }

    @Test func networksSortedByKeyWhenPrioritiesTie() throws {
        var service = Fixtures.simpleService("api")
        service.networks = ["front": ServiceNetworkAttachment(), "back": ServiceNetworkAttachment()]
        let request = try request(service, name: "shop-api-1")
        #expect(request.networks.map(\.network) == ["shop_back", "shop_front"])
    }

    @Test func networkModeServiceJoinsNoNetwork() throws {
        var service = Fixtures.simpleService("sidecar")
        service.networkMode = "container:" + String(repeating: "a", count: 64)
        service.ipc = "shareable"
        service.volumesFrom = [String(repeating: "b", count: 64) + ":ro", "container:legacy"]
        let request = try request(service, name: "shop-sidecar-1")
        #expect(request.primaryNetwork == nil)
        #expect(request.extraNetworks.isEmpty)
        #expect(request.body["NetworkingConfig"] == nil)
        #expect(request.body["HostConfig"]?["NetworkMode"] == .string("container:" + String(repeating: "a", count: 64)))
        #expect(request.body["HostConfig"]?["IpcMode"] == "shareable")
        #expect(request.body["HostConfig"]?["VolumesFrom"] == [.string(String(repeating: "b", count: 64) + ":ro"), "legacy"])
    }

    @Test func unresolvedReferencesAndUnknownKeysAreErrors() throws {
        var service = Fixtures.simpleService("sidecar")
        service.networkMode = "service:web"
        #expect(throws: EngineError.self) { try request(service) }
        var withVolume = Fixtures.simpleService("db")
        withVolume.volumes = [ServiceVolume(type: .volume, source: "missing", target: "/x")]
        let error = #expect(throws: EngineError.self) { try request(withVolume) }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.message.contains("missing") == true)
        // A service with build: and no image: runs the image compose names <project>-<service>.
        var buildOnly = Fixtures.simpleService("app")
        buildOnly.image = nil
        buildOnly.build = ["context": "."]
        let built = try request(buildOnly)
        #expect(built.image == "shop-app")
        var neither = buildOnly
        neither.build = nil
        let noImage = #expect(throws: EngineError.self) { try request(neither) }
        #expect(noImage?.message == "service app has neither an image nor a build section")
    }

    @Test func inheritedAnonymousVolumesAreReused() throws {
        let old = String(repeating: "c", count: 64)
        let image = String(repeating: "d", count: 64)
        let request = try request(inherited: ["/cache": old, "/var/lib/image-volume": image, "/data": "ignored"])
        let mounts = try #require(request.body["HostConfig"]?["Mounts"]?.arrayValue)
        let byTarget = Dictionary(uniqueKeysWithValues: mounts.map { ($0["Target"]!.stringValue!, $0) })
        #expect(byTarget["/cache"]?["Source"] == .string(old))
        #expect(byTarget["/var/lib/image-volume"]?["Source"] == .string(image))
        // A named volume keeps its own source.
        #expect(byTarget["/data"]?["Source"] == "shop_data")
    }

    @Test func networkAndVolumeRequestsCarryComposeLabels() {
        var network = NetworkConfig(name: "shop_front")
        network.labels = ["team": "a"]
        network.driver = "bridge"
        network.ipam = IPAMConfig(config: [IPAMConfig.IPAMPool(subnet: "10.5.0.0/16", gateway: "10.5.0.1")])
        let networkRequest = NetworkCreateRequest(key: "front", name: "shop_front", network: network, project: "shop")
        #expect(networkRequest.body["CheckDuplicate"] == true)
        #expect(networkRequest.body["Name"] == "shop_front")
        #expect(networkRequest.body["Driver"] == "bridge")
        #expect(networkRequest.body["IPAM"] == ["Config": [["Subnet": "10.5.0.0/16", "Gateway": "10.5.0.1"]]])
        #expect(networkRequest.labels == [ComposeLabel.project: "shop", ComposeLabel.network: "front",
                                          ComposeLabel.configHash: ConfigHasher.hash(network: network), "team": "a"])
        var volume = VolumeConfig(name: "shop_data")
        volume.labels = ["backup": "yes"]
        let volumeRequest = VolumeCreateRequest(key: "data", name: "shop_data", volume: volume, project: "shop")
        #expect(volumeRequest.body["Driver"] == "local")
        #expect(volumeRequest.labels == [ComposeLabel.project: "shop", ComposeLabel.volume: "data",
                                         ComposeLabel.configHash: ConfigHasher.hash(volume: volume), "backup": "yes"])
    }
}
