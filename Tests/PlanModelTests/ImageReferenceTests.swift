import ComposeModel
import DockerModel
import Foundation
import PlanModel
import Testing

@Suite("Image references, parsed as Docker parses them")
struct ImageReferenceTests {
    /// text → registry, repository, tag, digest, canonical, familiar.
    static let cases: [(String, String, String, String?, String?, String, String)] = [
        ("nginx", "docker.io", "library/nginx", "latest", nil, "docker.io/library/nginx:latest", "nginx:latest"),
        ("nginx:1.25", "docker.io", "library/nginx", "1.25", nil, "docker.io/library/nginx:1.25", "nginx:1.25"),
        ("docker.io/nginx", "docker.io", "library/nginx", "latest", nil, "docker.io/library/nginx:latest", "nginx:latest"),
        ("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", nil, "docker.io/library/nginx:1", "nginx:1"),
        ("user/app", "docker.io", "user/app", "latest", nil, "docker.io/user/app:latest", "user/app:latest"),
        ("127.0.0.1:5000/demo/busybox:1", "127.0.0.1:5000", "demo/busybox", "1", nil,
         "127.0.0.1:5000/demo/busybox:1", "127.0.0.1:5000/demo/busybox:1"),
        ("localhost/app", "localhost", "app", "latest", nil, "localhost/app:latest", "localhost/app:latest"),
        ("localhost:5000/a/b/c", "localhost:5000", "a/b/c", "latest", nil, "localhost:5000/a/b/c:latest", "localhost:5000/a/b/c:latest"),
        ("ghcr.io/org/tool:v1.2-rc_3", "ghcr.io", "org/tool", "v1.2-rc_3", nil, "ghcr.io/org/tool:v1.2-rc_3", "ghcr.io/org/tool:v1.2-rc_3"),
        ("alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker.io", "library/alpine", nil,
         "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
         "docker.io/library/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
         "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        ("my-registry.local:443/x__y/a.b-c:3@sha256:0123456789abcdef0123456789abcdef", "my-registry.local:443", "x__y/a.b-c", "3",
         "sha256:0123456789abcdef0123456789abcdef", "my-registry.local:443/x__y/a.b-c:3@sha256:0123456789abcdef0123456789abcdef",
         "my-registry.local:443/x__y/a.b-c:3@sha256:0123456789abcdef0123456789abcdef"),
    ]

    @Test("Registry, repository, tag and digest with Docker Hub's defaults", arguments: cases.indices)
    func parses(_ index: Int) throws {
        let (text, registry, repository, tag, digest, canonical, familiar) = Self.cases[index]
        let reference = try ImageReference(parsing: text)
        #expect(reference.registry == registry)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        #expect(reference.canonical == canonical)
        #expect(reference.familiar == familiar)
        #expect(reference.description == familiar)
        // The canonical form reads back as the same reference.
        #expect(try ImageReference(parsing: canonical) == reference)
    }

    @Test("Malformed references are refused with Docker's wording")
    func refuses() {
        let cases: [(String, String)] = [
            ("", "invalid reference format: the image reference is empty"),
            ("Nginx", "invalid reference format: repository name must be lowercase: Nginx"),
            ("example.com/Org/app", "invalid reference format: repository name must be lowercase: example.com/Org/app"),
            ("nginx:", "invalid reference format: malformed tag in nginx:"),
            ("nginx:-x", "invalid reference format: malformed tag in nginx:-x"),
            ("nginx@sha256:abc", "invalid reference format: malformed digest in nginx@sha256:abc"),
            ("a//b", "invalid reference format: a//b"),
            ("-app", "invalid reference format: -app"),
            ("app-", "invalid reference format: app-"),
            ("a b", "invalid reference format: a b"),
            ("a..b", "invalid reference format: a..b"),
        ]
        for (text, message) in cases {
            #expect(throws: ImageReferenceError.self) { try ImageReference(parsing: text) }
            do {
                _ = try ImageReference(parsing: text)
            } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test("Docker Hub's credentials live under https://index.docker.io/v1/, other registries under their host")
    func credentialKeys() throws {
        #expect(try ImageReference(parsing: "nginx").credentialKey == "https://index.docker.io/v1/")
        #expect(try ImageReference(parsing: "docker.io/user/app").credentialKey == "https://index.docker.io/v1/")
        #expect(try ImageReference(parsing: "127.0.0.1:5000/demo/busybox:1").credentialKey == "127.0.0.1:5000")
    }

    @Test("The repo digest of the reference's own repository, whatever the spelling")
    func repositoryDigest() throws {
        let digests = ["127.0.0.1:5000/other/busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111",
                       "127.0.0.1:5000/demo/busybox@sha256:2222222222222222222222222222222222222222222222222222222222222222",
                       "nginx@sha256:3333333333333333333333333333333333333333333333333333333333333333"]
        #expect(try ImageReference(parsing: "127.0.0.1:5000/demo/busybox:1").repositoryDigest(in: digests)
                == "sha256:2222222222222222222222222222222222222222222222222222222222222222")
        #expect(try ImageReference(parsing: "docker.io/library/nginx:1.25").repositoryDigest(in: digests)
                == "sha256:3333333333333333333333333333333333333333333333333333333333333333")
        #expect(try ImageReference(parsing: "127.0.0.1:5001/demo/busybox:1").repositoryDigest(in: digests) == nil)
    }
}

@Suite("Snapshot images")
struct SnapshotImagesTests {
    @Test("A snapshot without images (or with images: null) does not know them; an empty array knows there are none")
    func optional() throws {
        #expect(try Snapshot.decode(Data(#"{"containers": []}"#.utf8)).images == nil)
        #expect(try Snapshot.decode(Data(#"{"images": null}"#.utf8)).images == nil)
        #expect(try Snapshot.decode(Data(#"{"images": []}"#.utf8)).images == [])
        #expect(try Snapshot.decode(Data(#"{"containers": []}"#.utf8)).imageObservations == nil)
        // Written back, an unknown images array stays absent.
        let written = String(decoding: try Snapshot().encoded(), as: UTF8.self)
        #expect(!written.contains("images"))
        #expect(throws: DecodingError.self) { try Snapshot.decode(Data(#"{"images": [1]}"#.utf8)) }
    }

    @Test("Entries read as ImageObservation: the inspect answer, the registry digest or error")
    func entries() throws {
        let json = #"""
        {"images": [
          {"Reference": "127.0.0.1:5000/demo/busybox:1",
           "Image": {"Id": "sha256:aaaa", "RepoTags": ["127.0.0.1:5000/demo/busybox:1"],
                     "RepoDigests": ["127.0.0.1:5000/demo/busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111"],
                     "Size": 1984132, "Metadata": {"LastTagTime": "2026-12-02T05:49:19.5Z"}, "Extra": true},
           "RegistryDigest": "sha256:2222222222222222222222222222222222222222222222222222222222222222"},
          {"Reference": "nginx", "RegistryError": "cannot look up image nginx:latest in registry docker.io: the registry is unreachable: dial tcp: no such host"},
          {"Reference": "built", "Image": {"Id": "sha256:bbbb", "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"}}}
        ]}
        """#
        let snapshot = try Snapshot.decode(Data(json.utf8))
        let images = try #require(snapshot.imageObservations)
        #expect(images.count == 3)
        #expect(images[0].reference == "127.0.0.1:5000/demo/busybox:1")
        #expect(images[0].isPresent)
        #expect(images[0].image?.id == "sha256:aaaa")
        #expect(images[0].image?.size == 1984132)
        #expect(images[0].image?.lastTagTime == "2026-12-02T05:49:19.5Z")
        #expect(images[0].image?.json["Extra"] == .bool(true))
        #expect(images[0].localDigest == "sha256:1111111111111111111111111111111111111111111111111111111111111111")
        #expect(images[0].registryDigest == "sha256:2222222222222222222222222222222222222222222222222222222222222222")
        #expect(images[0].registryError == nil)
        #expect(!images[1].isPresent)
        #expect(images[1].localDigest == nil)
        #expect(images[1].registryDigest == nil)
        #expect(images[1].registryError == "cannot look up image nginx:latest in registry docker.io: the registry is unreachable: dial tcp: no such host")
        #expect(images[2].image?.lastTagTime == nil)
        #expect(images[2].image?.repoDigests == [])
        // Entries survive a round trip unchanged, and filtering by project keeps them.
        #expect(try Snapshot.decode(snapshot.encoded()) == snapshot)
        #expect(snapshot.filtered(toProject: "any").images == snapshot.images)
        #expect(images.map(\.json) == snapshot.images)
    }
}
