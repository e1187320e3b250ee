import PlanModel
import Testing

@Suite("Fresh deployments and ordering")
struct FreshDeploymentTests {
    static let healthyPair = """
        services:
          db:
            image: postgres
            healthcheck:
              test: ["CMD", "pg_isready"]
          app:
            image: app
            depends_on:
              db:
                condition: service_healthy
        """

    @Test("The example of reconciliation.md, with the default network present")
    func documentedExample() throws {
        var fixture = try PlanFixture(Self.healthyPair)
        fixture.addDefaultNetwork()
        #expect(try fixture.text() == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:db:1, StartContainer, service start",
            "[2] -> #3 service:app:1, CreateContainer, no existing container",
            "[2] -> #4 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[2,3,4] -> #5 service:app:1, StartContainer, service start"))
    }

    @Test("Without the default network, it is created first and every number shifts")
    func missingNetworkCreatedFirst() throws {
        let fixture = try PlanFixture(Self.healthyPair)
        #expect(try fixture.text() == lines(
            "[] -> #1 network:default, CreateNetwork, not found",
            "[1] -> #2 service:db:1, CreateContainer, no existing container",
            "[2] -> #3 service:db:1, StartContainer, service start",
            "[1,3] -> #4 service:app:1, CreateContainer, no existing container",
            "[3] -> #5 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[3,4,5] -> #6 service:app:1, StartContainer, service start"))
    }

    @Test("Networks and volumes are planned in sorted key order before containers")
    func resourcesSorted() throws {
        let fixture = try PlanFixture("""
            services:
              web:
                image: nginx
                networks: [front, back]
                volumes: [zeta:/z, alpha:/a]
            networks:
              front: {}
              back: {}
            volumes:
              zeta: {}
              alpha: {}
            """)
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 network:back, CreateNetwork, not found",
            "[] -> #2 network:front, CreateNetwork, not found",
            "[] -> #3 volume:alpha, CreateVolume, not found",
            "[] -> #4 volume:zeta, CreateVolume, not found",
            "[1,2,3,4] -> #5 service:web:1, CreateContainer, no existing container"))
    }

    @Test("Services are visited smallest name first among those whose dependencies are done")
    func dependencyOrder() throws {
        var fixture = try PlanFixture("""
            services:
              a:
                image: x
                depends_on: [c]
              b:
                image: x
              c:
                image: x
            """)
        fixture.addDefaultNetwork()
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 service:b:1, CreateContainer, no existing container",
            "[] -> #2 service:c:1, CreateContainer, no existing container",
            "[2] -> #3 service:a:1, CreateContainer, no existing container"))
    }

    @Test("--no-start plans creations only")
    func noStart() throws {
        var fixture = try PlanFixture(Self.healthyPair)
        fixture.addDefaultNetwork()
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:app:1, CreateContainer, no existing container"))
    }

    @Test("External networks and volumes are never created")
    func externalResources() throws {
        let fixture = try PlanFixture("""
            services:
              web:
                image: nginx
                networks: [shared]
                volumes: [data:/data]
            networks:
              shared:
                external: true
            volumes:
              data:
                external: true
            """)
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 service:web:1, CreateContainer, no existing container"))
    }

    @Test("An up-to-date running project plans nothing")
    func upToDate() throws {
        var fixture = try PlanFixture(Self.healthyPair)
        fixture.addDefaultNetwork()
        fixture.addRunning("db")
        fixture.addRunning("app")
        #expect(try fixture.plan().isEmpty)
    }

    @Test("Plans are deterministic")
    func deterministic() throws {
        var fixture = try PlanFixture(Self.healthyPair)
        fixture.addRunning("db", hash: "old")
        let first = try fixture.text()
        for _ in 0..<5 { #expect(try fixture.text() == first) }
    }

    @Test("Targeted services plan only themselves and their dependencies")
    func targetedServices() throws {
        var fixture = try PlanFixture("""
            services:
              db: {image: postgres}
              web:
                image: nginx
                depends_on: [db]
              other: {image: busybox}
            """, services: ["web"])
        fixture.addDefaultNetwork()
        #expect(try fixture.text(PlanOptions(services: ["web"], start: false)) == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:web:1, CreateContainer, no existing container"))
    }
}
