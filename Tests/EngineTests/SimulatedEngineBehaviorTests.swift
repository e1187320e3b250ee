import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Testing

/// Snapshots, seeding, health, exits, latencies and faults of the simulated daemon.
@Suite struct SimulatedEngineBehaviorTests {
    /// A snapshot as the test daemon (Engine 20.10) answered.
    static let observed: Snapshot = {
        let json = """
        {"engine": {"ApiVersion": "1.41", "Version": "20.10.24+dfsg1"},
         "containers": [{"Id": "4299ba03c297c6d87976a2d418f83965d74a7a5c72c9ad3262ea8723f1c58fa0", "Names": ["/p-web-1"],
           "Image": "composeplan-test/busybox:latest", "ImageID": "sha256:822c", "Command": "sleep 1000", "Created": 1795961239,
           "Ports": [], "Labels": {"com.docker.compose.project": "p", "com.docker.compose.service": "web",
             "com.docker.compose.container-number": "1", "com.docker.compose.config-hash": "abc"},
           "State": "running", "Status": "Up 5 minutes (healthy)", "HostConfig": {"NetworkMode": "p_default"},
           "NetworkSettings": {"Networks": {"p_default": {"IPAMConfig": null, "Links": null, "Aliases": null,
             "NetworkID": "9400844b6bf78f9851832b98989e148bd6350db7d344f4337bdd8646f1ebf847", "EndpointID": "3265",
             "Gateway": "172.19.0.1", "IPAddress": "172.19.0.2", "IPPrefixLen": 16, "IPv6Gateway": "", "GlobalIPv6Address": "",
             "GlobalIPv6PrefixLen": 0, "MacAddress": "02:42:ac:13:00:02", "DriverOpts": null},
             "proxy": {"NetworkID": "7777777777777777777777777777777777777777777777777777777777777777"}}},
           "Mounts": [{"Type": "volume", "Name": "p_data", "Source": "/var/lib/docker/volumes/p_data/_data", "Destination": "/data",
             "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""},
             {"Type": "volume", "Name": "9778556918d245b48db878c746d1b22098cd889040995734ceeaa10c2db93952",
              "Source": "/x", "Destination": "/anon", "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""}]},
          {"Id": "5555555555555555555555555555555555555555555555555555555555555555", "Names": ["/p-job-1"], "Image": "busybox",
           "Labels": {"com.docker.compose.project": "p", "com.docker.compose.service": "job"}, "State": "exited",
           "Status": "Exited (3) 2 minutes ago", "Created": 1795961000}],
         "networks": [{"Name": "p_default", "Id": "9400844b6bf78f9851832b98989e148bd6350db7d344f4337bdd8646f1ebf847",
           "Created": "2026-11-29T14:07:19.612719463Z", "Scope": "local", "Driver": "bridge",
           "Labels": {"com.docker.compose.project": "p", "com.docker.compose.network": "default"}}],
         "volumes": [{"CreatedAt": "2026-11-29T14:07:19Z", "Driver": "local", "Labels": {"com.docker.compose.project": "p",
           "com.docker.compose.volume": "data"}, "Mountpoint": "/var/lib/docker/volumes/p_data/_data", "Name": "p_data",
           "Options": null, "Scope": "local"}]}
        """
        return try! Snapshot.decode(Data(json.utf8))
    }()

    @Test func seededStateIsObservedUnchanged() async throws {
        let engine = await SimulatedEngine(seed: Self.observed)
        let snapshot = try await engine.snapshot(project: "p")
        #expect(StateFingerprint(snapshot: snapshot, project: "p") == StateFingerprint(snapshot: Self.observed, project: "p"))
        let web = try #require(snapshot.containers.first { $0["Names"] == ["/p-web-1"] })
        let original = Self.observed.containers[0]
        for field in ["Id", "Image", "ImageID", "Command", "Created", "Labels", "State", "Mounts", "Ports"] {
            #expect(web[field] == original[field], "\(field)")
        }
        #expect(web["NetworkSettings"]?["Networks"]?["p_default"] == original["NetworkSettings"]?["Networks"]?["p_default"])
        #expect(snapshot.networks == Self.observed.networks)
        #expect(snapshot.volumes == Self.observed.volumes)
        // The seeded health and exit code are reported.
        #expect(try await engine.inspectContainer("p-web-1").health == "healthy")
        #expect(try await engine.inspectContainer("p-job-1").exitCode == 3)
    }

    @Test func seededReferencesToUnlistedResourcesExist() async throws {
        let engine = await SimulatedEngine(seed: Self.observed)
        // The external network the container is on, and its volumes, exist.
        try await engine.connectContainer("p-job-1", to: NetworkEndpoint(network: "proxy"))
        let error = await #expect(throws: EngineError.self) {
            try await engine.removeVolume("9778556918d245b48db878c746d1b22098cd889040995734ceeaa10c2db93952")
        }
        #expect(error?.kind == .conflict)
        // The running container keeps its network busy.
        await #expect(throws: EngineError.self) { try await engine.removeNetwork("p_default") }
    }

    @Test func snapshotIsShapedLikeTheDaemons() async throws {
        let engine = await SimulatedEngine()
        let networkID = try await engine.createNetwork(NetworkCreateRequest(key: "default", name: "p_default",
                                                                            network: NetworkConfig(name: "p_default"), project: "p"))
        var service = ServiceConfig(name: "db")
        service.image = "postgres"
        service.networks = ["default": ServiceNetworkAttachment()]
        service.volumes = [ServiceVolume(type: .volume, source: "data", target: "/data"),
                           ServiceVolume(type: .volume, source: nil, target: "/anon")]
        let project = ProjectContext(name: "p", workingDirectory: "/p", networks: ["default": NetworkConfig(name: "p_default")],
                                     volumes: ["data": VolumeConfig(name: "p_data")])
        let id = try await engine.createContainer(try ContainerCreateRequest(service: service, project: project, number: 1,
                                                                              name: "p-db-1", configHash: "h"))
        try await engine.startContainer(id)
        let snapshot = try await engine.snapshot(project: "p")
        let summary = try #require(snapshot.containerSummaries.first)
        #expect(DockerID.isFullID(summary.id))
        #expect(snapshot.containers[0]["Names"] == ["/p-db-1"])
        #expect(summary.state == "running")
        #expect(summary.configHash == "h")
        #expect(summary.networks == ["p_default": networkID])
        let mounts = Dictionary(uniqueKeysWithValues: summary.mounts.map { ($0.destination, $0) })
        #expect(mounts["/data"]?.type == "volume")
        #expect(mounts["/data"]?.name == "p_data")
        #expect(DockerID.isFullID(mounts["/anon"]?.name ?? ""))
        #expect(summary.created > 1_700_000_000)
        #expect(snapshot.networkSummaries.map(\.id) == [networkID])
        // The auto-created named volume has no compose labels: not the project's.
        #expect(snapshot.volumes.isEmpty)
        #expect(snapshot.engine?["ApiVersion"] == "1.41")
    }

    @Test func healthAndExitBehaviors() async throws {
        let engine = await SimulatedEngine(configuration: .init(behavior: .healthy(after: .milliseconds(100))))
        await engine.setBehavior(.unhealthy(after: .milliseconds(20)), forContainer: "sick")
        await engine.setBehavior(.exits(code: 0, after: .milliseconds(20)), forService: "job")
        func request(_ name: String, service: String = "app", healthcheck: Bool = true) -> ContainerCreateRequest {
            var body: [String: JSONValue] = ["Image": "busybox", "Labels": [ComposeLabel.service: .string(service)]]
            if healthcheck { body["Healthcheck"] = ["Test": ["CMD", "true"]] }
            return ContainerCreateRequest(name: name, body: .object(body))
        }
        for (name, service, healthcheck) in [("fine", "app", true), ("sick", "app", true), ("plain", "app", false), ("job-1", "job", false)] {
            try await engine.startContainer(try await engine.createContainer(request(name, service: service, healthcheck: healthcheck)))
        }
        #expect(try await engine.inspectContainer("fine").health == "starting")
        #expect(try await engine.inspectContainer("plain").health == nil)
        try await Task.sleep(for: .milliseconds(150))
        #expect(try await engine.inspectContainer("fine").health == "healthy")
        #expect(try await engine.inspectContainer("sick").health == "unhealthy")
        let job = try await engine.inspectContainer("job-1")
        #expect(job.status == "exited")
        #expect(job.exitCode == 0)
        #expect(try await engine.stopContainer("job-1", timeout: nil) == .unchanged)
    }

    @Test func latenciesAreRealTimeAndCallsOverlap() async throws {
        let engine = await SimulatedEngine(configuration: .init(latency: .fixed([.createNetwork: .milliseconds(150)])))
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            async let first = engine.createNetwork(NetworkCreateRequest(name: "a", body: ["Name": "a"]))
            async let second = engine.createNetwork(NetworkCreateRequest(name: "b", body: ["Name": "b"]))
            _ = try await (first, second)
        }
        #expect(elapsed >= .milliseconds(150))
        // Both calls were in progress at once.
        #expect(await engine.maximumConcurrentCalls == 2)
        let calls = await engine.calls
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { $0.end - $0.start >= 0.15 && $0.error == nil })
    }

    @Test func jitteredLatenciesAreReproducible() {
        let model = LatencyModel(durations: [.startContainer: .milliseconds(100)], jitter: 0.5, seed: 7)
        #expect(model.nominal(.startContainer) == .milliseconds(100))
        #expect(model.nominal(.removeVolume) == .zero)
    }

    @Test func injectedFailuresAreNotViolations() async throws {
        let engine = await SimulatedEngine()
        await engine.inject(.failing(.createNetwork, target: "flaky", times: 1))
        let error = await #expect(throws: EngineError.self) {
            _ = try await engine.createNetwork(NetworkCreateRequest(name: "flaky", body: ["Name": "flaky"]))
        }
        #expect(error?.message == "injected failure")
        #expect(await engine.violations.isEmpty)
        // `times: 1`: the second attempt goes through.
        _ = try await engine.createNetwork(NetworkCreateRequest(name: "flaky", body: ["Name": "flaky"]))
        // A predicate on the subjects (names and ids).
        await engine.inject(SimulatedFault(effect: .fail(EngineError(status: 500, message: "disk full"))) { operation, subjects in
            operation == .createContainer && subjects.contains { $0.hasSuffix("-2") }
        })
        _ = try await engine.createContainer(ContainerCreateRequest(name: "web-1", body: ["Image": "x"]))
        await #expect(throws: EngineError.self) {
            _ = try await engine.createContainer(ContainerCreateRequest(name: "web-2", body: ["Image": "x"]))
        }
    }

    @Test func hangingCallsEndWhenCancelled() async throws {
        let engine = await SimulatedEngine()
        _ = try await engine.createContainer(ContainerCreateRequest(name: "stuck", body: ["Image": "x"]))
        await engine.inject(.hanging(.startContainer, target: "stuck"))
        let task = Task { try await engine.startContainer("stuck") }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.result
        #expect(throws: EngineError.self) { try result.get() }
        #expect(try await engine.inspectContainer("stuck").status == "created")
        #expect((await engine.calls).first { $0.operation == .startContainer }?.error?.kind == .cancelled)
    }
}
