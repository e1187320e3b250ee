import DockerModel
import Engine
import Foundation
import PlanModel
import TestSupport
import Testing

/// Credentials resolved as the docker CLI resolves them, from a temporary
/// DOCKER_CONFIG and fake credential helpers on PATH.
@Suite("Registry credentials")
struct RegistryCredentialsTests {
    /// A DOCKER_CONFIG folder with `config.json`, and a `bin` folder for helpers.
    struct Setup {
        let folder: TemporaryDirectory
        var environment: [String: String] {
            ["DOCKER_CONFIG": folder.path + "/config", "HOME": folder.path + "/home", "PATH": folder.path + "/bin"]
        }

        init(config: String?) throws {
            folder = try TemporaryDirectory(prefix: "composeplan-credentials")
            try FileManager.default.createDirectory(atPath: folder.path + "/bin", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder.path + "/config", withIntermediateDirectories: true)
            if let config { try folder.write("config/config.json", config) }
        }

        /// A `docker-credential-<name>` that logs its arguments and input to
        /// `<name>.log` and answers with `script`'s output.
        func helper(_ name: String, _ script: String) throws {
            let path = try folder.write("bin/docker-credential-\(name)", """
                #!/bin/sh
                input=$(cat)
                echo "$* $input" >> "\(folder.path)/\(name).log"
                \(script)
                """)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        func log(_ name: String) -> String {
            (try? String(contentsOfFile: "\(folder.path)/\(name).log", encoding: .utf8)) ?? ""
        }

        func auth(_ registry: String) async throws -> RegistryAuth? {
            try await RegistryCredentials(environment: environment).auth(forRegistry: registry)
        }
    }

    /// base64 of `user:password`.
    static func basic(_ user: String, _ password: String) -> String { Data("\(user):\(password)".utf8).base64EncodedString() }

    @Test("auths entries: auth as base64 user:password, identitytoken; looked up by host whatever the key's spelling")
    func authsEntries() async throws {
        let setup = try Setup(config: """
            {"auths": {
               "127.0.0.1:5000": {"auth": "\(Self.basic("alice", "pa:ss"))"},
               "https://registry.example.com/v2/": {"auth": "\(Self.basic("bob", "secret"))"},
               "https://index.docker.io/v1/": {"auth": "\(Self.basic("hubuser", "hubpass"))"},
               "tokens.example.com": {"identitytoken": "tok-123"},
               "empty.example.com": {}
             },
             "HttpHeaders": {"User-Agent": "x"}}
            """)
        defer { setup.folder.remove() }
        #expect(try await setup.auth("127.0.0.1:5000") == RegistryAuth(username: "alice", password: "pa:ss", serverAddress: "127.0.0.1:5000"))
        #expect(try await setup.auth("registry.example.com")
                == RegistryAuth(username: "bob", password: "secret", serverAddress: "registry.example.com"))
        for hub in ["docker.io", "index.docker.io", "https://index.docker.io/v1/", "registry-1.docker.io"] {
            #expect(try await setup.auth(hub)
                    == RegistryAuth(username: "hubuser", password: "hubpass", serverAddress: "https://index.docker.io/v1/"))
        }
        #expect(try await setup.auth("tokens.example.com") == RegistryAuth(identityToken: "tok-123", serverAddress: "tokens.example.com"))
        #expect(try await setup.auth("empty.example.com") == nil)
        #expect(try await setup.auth("127.0.0.1:5001") == nil)
        let reference = try ImageReference(parsing: "nginx:1")
        #expect(try await RegistryCredentials(environment: setup.environment).auth(for: reference)?.username == "hubuser")
    }

    @Test("No configuration file: no credentials; DOCKER_CONFIG unset: ~/.docker")
    func missingFile() async throws {
        let setup = try Setup(config: nil)
        defer { setup.folder.remove() }
        #expect(try await setup.auth("127.0.0.1:5000") == nil)
        try setup.folder.write("home/.docker/config.json", #"{"auths": {"h:1": {"auth": "\#(Self.basic("u", "p"))"}}}"#)
        var environment = setup.environment
        environment["DOCKER_CONFIG"] = nil
        #expect(try await RegistryCredentials(environment: environment).auth(forRegistry: "h:1")
                == RegistryAuth(username: "u", password: "p", serverAddress: "h:1"))
    }

    @Test("credsStore asks its helper with the server address on standard input; <token> means an identity token")
    func credentialsStore() async throws {
        let setup = try Setup(config: #"{"auths": {"127.0.0.1:5000": {}}, "credsStore": "fake"}"#)
        defer { setup.folder.remove() }
        try setup.helper("fake", """
            case "$input" in
              127.0.0.1:5000) echo '{"ServerURL":"127.0.0.1:5000","Username":"carol","Secret":"s3cret"}' ;;
              https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"<token>","Secret":"refresh-token"}' ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac
            """)
        #expect(try await setup.auth("127.0.0.1:5000") == RegistryAuth(username: "carol", password: "s3cret", serverAddress: "127.0.0.1:5000"))
        #expect(try await setup.auth("docker.io") == RegistryAuth(identityToken: "refresh-token", serverAddress: "https://index.docker.io/v1/"))
        #expect(try await setup.auth("other:1") == nil)
        #expect(setup.log("fake") == "get 127.0.0.1:5000\nget https://index.docker.io/v1/\nget other:1\n")
    }

    @Test("credHelpers win over credsStore and auths for their registry")
    func perRegistryHelpers() async throws {
        let setup = try Setup(config: """
            {"auths": {"a.example.com": {"auth": "\(Self.basic("file", "file"))"}, "b.example.com": {"auth": "\(Self.basic("fileb", "fileb"))"}},
             "credsStore": "store", "credHelpers": {"a.example.com": "special"}}
            """)
        defer { setup.folder.remove() }
        try setup.helper("special", #"echo '{"Username":"special-user","Secret":"special-secret"}'"#)
        try setup.helper("store", #"echo '{"Username":"store-user","Secret":"store-secret"}'"#)
        #expect(try await setup.auth("a.example.com")?.username == "special-user")
        #expect(try await setup.auth("b.example.com")?.username == "store-user")
        #expect(setup.log("special") == "get a.example.com\n")
        #expect(setup.log("store") == "get b.example.com\n")
    }

    @Test("Failures say which file, helper and registry")
    func failures() async throws {
        let broken = try Setup(config: "{not json")
        defer { broken.folder.remove() }
        await #expect(throws: RegistryCredentialError.unreadableConfiguration(path: broken.folder.path + "/config/config.json", reason: "not valid JSON")) {
            _ = try await broken.auth("h:1")
        }
        let badAuth = try Setup(config: #"{"auths": {"h:1": {"auth": "bm9jb2xvbg=="}}}"#)
        defer { badAuth.folder.remove() }
        await #expect(throws: RegistryCredentialError.malformedAuthEntry(path: badAuth.folder.path + "/config/config.json", server: "h:1")) {
            _ = try await badAuth.auth("h:1")
        }
        let helpers = try Setup(config: #"{"credHelpers": {"missing:1": "absent", "fails:1": "fails", "garbled:1": "garbled"}}"#)
        defer { helpers.folder.remove() }
        try helpers.helper("fails", "echo 'the keyring is locked' >&2; exit 3")
        try helpers.helper("garbled", "echo 'hello'")
        let path = helpers.folder.path + "/config/config.json"
        await #expect(throws: RegistryCredentialError.helperNotFound(helper: "absent", path: path)) { _ = try await helpers.auth("missing:1") }
        await #expect(throws: RegistryCredentialError.helperFailed(helper: "fails", server: "fails:1", message: "the keyring is locked")) {
            _ = try await helpers.auth("fails:1")
        }
        await #expect(throws: RegistryCredentialError.malformedHelperOutput(helper: "garbled", server: "garbled:1")) {
            _ = try await helpers.auth("garbled:1")
        }
        #expect(RegistryCredentialError.helperNotFound(helper: "absent", path: "/c/config.json").description
                == "docker-credential-absent (named in /c/config.json) is not on PATH")
        #expect(RegistryCredentialError.helperFailed(helper: "fails", server: "fails:1", message: "the keyring is locked").description
                == "docker-credential-fails get fails:1 failed: the keyring is locked")
    }

    @Test("X-Registry-Auth is base64url JSON of username, password, identitytoken and serveraddress")
    func header() throws {
        let auth = RegistryAuth(username: "alice", password: "p?>>", serverAddress: "127.0.0.1:5000")
        // Decoded independently: base64url → JSON.
        let base64 = auth.headerValue.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let data = try #require(Data(base64Encoded: base64))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object == ["username": "alice", "password": "p?>>", "serveraddress": "127.0.0.1:5000"])
        #expect(!auth.headerValue.contains("+") && !auth.headerValue.contains("/"))
        let token = RegistryAuth(identityToken: "tok", serverAddress: "https://index.docker.io/v1/")
        #expect(token.headerValue == Data(#"{"identitytoken":"tok","serveraddress":"https://index.docker.io/v1/"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        #expect(auth.description == "credentials for 127.0.0.1:5000 (user alice)")
    }

    @Test("Registry names normalise as the docker CLI's ConvertToHostname does")
    func hosts() {
        #expect(RegistryHost.normalize("https://127.0.0.1:5000/v2/") == "127.0.0.1:5000")
        #expect(RegistryHost.normalize("http://registry.example.com") == "registry.example.com")
        #expect(RegistryHost.normalize("https://index.docker.io/v1/") == "docker.io")
        #expect(RegistryHost.normalize("index.docker.io") == "docker.io")
        #expect(RegistryHost.credentialKey("docker.io") == "https://index.docker.io/v1/")
        #expect(RegistryHost.credentialKey("https://ghcr.io") == "ghcr.io")
    }
}

@Suite("Pull staleness and the credential cache")
struct PullStalenessTests {
    @Test("A pull that brought another digest than the planned one is refused, naming both")
    func staleness() throws {
        let planned = "sha256:" + String(repeating: "a", count: 64)
        let pulled = PulledImage(reference: "127.0.0.1:5000/demo/app:1", digest: "sha256:" + String(repeating: "b", count: 64),
                                 id: "sha256:cc", downloadedBytes: 10, isNewer: true)
        try pulled.verify(planned: nil)
        try pulled.verify(planned: pulled.digest)
        #expect(throws: EngineError(kind: .conflict, message: "plan is stale for image 127.0.0.1:5000/demo/app:1: it was planned with registry digest \(planned), the registry now has sha256:\(String(repeating: "b", count: 64)); run plan again")) {
            try pulled.verify(planned: planned)
        }
    }

    @Test("Parallel look-ups for one registry run its helper once")
    func cache() async throws {
        let setup = try RegistryCredentialsTests.Setup(config: #"{"credsStore": "counted"}"#)
        defer { setup.folder.remove() }
        try setup.helper("counted", #"echo '{"Username":"u","Secret":"s"}'"#)
        let cache = RegistryCredentialCache(RegistryCredentials(environment: setup.environment))
        let references = try (1...8).map { try ImageReference(parsing: "127.0.0.1:5000/demo/app\($0):1") }
            + [try ImageReference(parsing: "other.example.com/x")]
        try await withThrowingTaskGroup(of: RegistryAuth?.self) { group in
            for reference in references { group.addTask { try await cache.auth(for: reference) } }
            for try await auth in group { #expect(auth?.username == "u") }
        }
        #expect(setup.log("counted") == "get 127.0.0.1:5000\nget other.example.com\n"
                || setup.log("counted") == "get other.example.com\nget 127.0.0.1:5000\n")
    }
}
