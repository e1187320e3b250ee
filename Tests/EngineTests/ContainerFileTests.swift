import ComposeModel
import Engine
import Foundation
import PlanModel
import TestSupport
import Testing

@Suite("Files written into containers: secrets and configs from content and environment")
struct ContainerFileTests {
    @Test("The tar archive is read back by the system tar: paths, modes, owners and contents")
    func tarReadBySystemTar() throws {
        let long = "/srv/" + String(repeating: "deep/", count: 30) + "file.txt"
        let files = [
            ContainerFile(path: "/run/secrets/token", content: Array("s3cret\n".utf8), mode: 0o400, uid: 1000, gid: 1001),
            ContainerFile(path: "/etc/app.conf", content: Array(String(repeating: "x", count: 513).utf8)),
            ContainerFile(path: long, content: []),
        ]
        let directory = try TemporaryDirectory(prefix: "tar")
        defer { directory.remove() }
        let archive = directory.path + "/files.tar"
        try Data(try TarArchive.archive(files)).write(to: URL(fileURLWithPath: archive))
        let listing = try CommandRunner.run("/bin/tar", ["--numeric-owner", "-tvf", archive], in: directory.path)
        #expect(listing.status == 0, "\(listing.stderr)")
        let lines = listing.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines.map { String($0[0]) } == ["-r--------", "-r--r--r--", "-r--r--r--"])
        #expect(lines.map { String($0[1]) } == ["1000/1001", "0/0", "0/0"])
        #expect(lines.map { String($0[2]) } == ["7", "513", "0"])
        #expect(lines.map { String($0.last!) } == ["run/secrets/token", "etc/app.conf", String(long.dropFirst())])
        let content = try CommandRunner.run("/bin/tar", ["-xOf", archive, "run/secrets/token"], in: directory.path)
        #expect(content.stdout == "s3cret\n")
        #expect(throws: TarArchiveError.self) {
            try TarArchive.archive([ContainerFile(path: "/" + String(repeating: "n", count: 120), content: [])])
        }
    }

    @Test("Content and environment secrets and configs become files; file-backed ones stay bind mounts")
    func requestFiles() throws {
        let project = try ProjectFixture.load("""
            services:
              app:
                image: busybox
                secrets: [token, {source: key, target: /etc/key, mode: 0400, uid: "7", gid: "8"}, cert]
                configs: [settings, {source: banner, target: motd}]
            secrets:
              token: {environment: APP_TOKEN}
              key: {content: "k3y"}
              cert: {file: ./cert.pem}
            configs:
              settings: {content: "a=1"}
              banner: {environment: BANNER}
            """, environment: ["APP_TOKEN": "t0k", "BANNER": "hello"])
        let request = try ContainerCreateRequest(service: project.services["app"]!, project: ProjectContext(project: project),
                                                 number: 1, name: "p-app-1", configHash: "h")
        #expect(request.files == [
            ContainerFile(path: "/run/secrets/token", content: Array("t0k".utf8)),
            ContainerFile(path: "/etc/key", content: Array("k3y".utf8), mode: 0o400, uid: 7, gid: 8),
            ContainerFile(path: "/settings", content: Array("a=1".utf8)),
            ContainerFile(path: "/motd", content: Array("hello".utf8)),
        ])
        let mounts = request.body["HostConfig"]?["Mounts"]?.arrayValue ?? []
        #expect(mounts.compactMap { $0["Target"]?.stringValue } == ["/run/secrets/cert"])
    }

    @Test("An environment secret whose variable is unset is refused, naming the service, secret and variable")
    func unsetVariable() throws {
        let project = try ProjectFixture.load("""
            services:
              app: {image: busybox, secrets: [token]}
            secrets:
              token: {environment: APP_TOKEN}
            """, environment: [:])
        #expect(throws: EngineError.self) {
            try ContainerCreateRequest(service: project.services["app"]!, project: ProjectContext(project: project),
                                       number: 1, name: "p-app-1", configHash: "h")
        }
        do {
            _ = try ContainerCreateRequest(service: project.services["app"]!, project: ProjectContext(project: project),
                                           number: 1, name: "p-app-1", configHash: "h")
        } catch {
            #expect(error.message == "service app uses secret \"token\", whose environment variable APP_TOKEN is not set")
        }
    }

    @Test("The simulated engine keeps written files and refuses unknown containers")
    func simulated() async throws {
        let engine = await SimulatedEngine()
        let file = ContainerFile(path: "/run/secrets/a", content: [1, 2])
        await #expect(throws: EngineError.self) { try await engine.copyFiles([file], into: "nope") }
        let id = try await engine.createContainer(ContainerCreateRequest(name: "p-a-1", body: ["Image": "busybox"]))
        try await engine.copyFiles([file], into: "p-a-1")
        #expect(await engine.files(in: id) == ["/run/secrets/a": file])
    }
}
