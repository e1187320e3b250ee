import Engine
import Foundation
import TestSupport
import Testing

/// `.dockerignore` as the docker CLI reads it, and the build context tar
/// that honours it.
@Suite(".dockerignore and build contexts")
struct DockerIgnoreTests {
    @Test("Docker's documented examples: *, ?, **, comments, a leading slash, cleaned paths")
    func documentedPatterns() {
        let ignore = DockerIgnore(contents: """
            # comment
            */temp*
            */*/temp*
            temp?
            /abs/path
            ./dotted//twice/
            **/*.go
            """)
        #expect(ignore.excludes("somedir/temporary.txt"))
        #expect(ignore.excludes("somedir/temp"))
        #expect(!ignore.excludes("temporary.txt"))
        #expect(ignore.excludes("somedir/subdir/temporary.txt"))
        #expect(ignore.excludes("tempa"))
        #expect(!ignore.excludes("tempab"))
        #expect(ignore.excludes("abs/path"))
        #expect(ignore.excludes("dotted/twice/file"))
        #expect(ignore.excludes("main.go"))
        #expect(ignore.excludes("a/b/c/main.go"))
        #expect(!ignore.excludes("main.gox"))
        #expect(!ignore.excludes("# comment"))
        #expect(ignore.patterns.map(\.text) == ["*/temp*", "*/*/temp*", "temp?", "abs/path", "dotted/twice", "**/*.go"])
    }

    @Test("Exceptions: the last matching pattern decides")
    func exceptions() {
        let ignore = DockerIgnore(contents: "*.md\n!README*.md\nREADME-secret.md\n")
        #expect(ignore.excludes("CHANGES.md"))
        #expect(!ignore.excludes("README.md"))
        #expect(!ignore.excludes("README-public.md"))
        #expect(ignore.excludes("README-secret.md"))
        let reversed = DockerIgnore(contents: "*.md\nREADME-secret.md\n!README*.md\n")
        #expect(!reversed.excludes("README-secret.md"))
    }

    @Test("A path is excluded with its parent folder; ** at the end takes everything below; escapes and classes")
    func parentsAndSpecials() {
        let ignore = DockerIgnore(contents: "node_modules\nbuild/**\nlogs/[ab].log\nweird\\*name\n")
        #expect(ignore.excludes("node_modules"))
        #expect(ignore.excludes("node_modules/left-pad/index.js"))
        #expect(!ignore.excludes("src/node_modules.txt"))
        #expect(ignore.excludes("build/out/app.o"))
        #expect(ignore.excludes("logs/a.log") && ignore.excludes("logs/b.log") && !ignore.excludes("logs/c.log"))
        #expect(ignore.excludes("weird*name") && !ignore.excludes("weirdXname"))
        #expect(ignore.skipsFolder("node_modules"))
        let withException = DockerIgnore(contents: "docs\n!docs/keep.txt\n")
        #expect(!withException.skipsFolder("docs"))
        #expect(withException.excludes("docs/drop.txt"))
        #expect(!withException.excludes("docs/keep.txt"))
    }

    @Test("The context sends what .dockerignore keeps, always the Dockerfile and .dockerignore, sorted, folders first")
    func contextArchive() throws {
        let folder = try TemporaryDirectory(prefix: "context")
        defer { folder.remove() }
        try folder.write("Dockerfile", "FROM scratch\n")
        try folder.write("build.Dockerfile", "FROM scratch\n")
        try folder.write(".dockerignore", "*\n!src\nsrc/secret.env\n")
        try folder.write("src/main.c", "int main(void) { return 0; }\n")
        try folder.write("src/secret.env", "TOKEN=1\n")
        try folder.write("notes.txt", "left out\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/src/link", withDestinationPath: "main.c")
        let context = BuildContext(directory: folder.path, dockerfile: "build.Dockerfile")
        #expect(try context.paths() == [".dockerignore", "build.Dockerfile", "src", "src/link", "src/main.c"])
        let plain = BuildContext(directory: folder.path)
        #expect(try plain.paths() == [".dockerignore", "Dockerfile", "src", "src/link", "src/main.c"])
        // The archive lists the same members (tar's own reading of it), and the same folder gives the same bytes.
        let bytes = try plain.archive()
        #expect(try plain.archive() == bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/../context-\(getpid()).tar"))
        defer { try? FileManager.default.removeItem(atPath: folder.path + "/../context-\(getpid()).tar") }
        let listing = try CommandRunner.run("/usr/bin/tar", ["-tvf", folder.path + "/../context-\(getpid()).tar"])
        #expect(listing.status == 0, "\(listing.stderr)")
        let names = listing.stdout.split(separator: "\n").map { line in
            String(line.split(separator: " ", omittingEmptySubsequences: true)[5])
        }
        #expect(names == [".dockerignore", "Dockerfile", "src/", "src/link", "src/main.c"], "\(listing.stdout)")
        #expect(listing.stdout.contains("src/link -> main.c"))
    }

    @Test("Sends what `docker build` (classic builder, docker 20.10) sent for the same folder")
    func agreesWithTheDockerCLI() throws {
        let folder = try TemporaryDirectory(prefix: "context")
        defer { folder.remove() }
        try folder.write("Dockerfile", "FROM composeplan-test/busybox:latest\nCOPY . /ctx\n")
        try folder.write(".dockerignore", "*.md\n!README*.md\nREADME-secret.md\nnode_modules\ndocs\n!docs/keep.txt\n**/*.o\n")
        for file in ["README.md", "README-secret.md", "CHANGES.md", "src/a.o", "src/a.c", "docs/keep.txt", "docs/drop.txt",
                     "node_modules/x/y"] {
            try folder.write(file, "")
        }
        // `RUN find /ctx` after `COPY . /ctx` listed these (and /ctx/docs, made for keep.txt).
        #expect(try BuildContext(directory: folder.path).paths()
            == [".dockerignore", "Dockerfile", "README.md", "docs/keep.txt", "src", "src/a.c"])
    }

    @Test("A context folder that does not exist is a clear error naming it")
    func missingContext() {
        #expect {
            try BuildContext(directory: "/nonexistent/context").archive()
        } throws: { error in
            "\(error)" == "build context /nonexistent/context: no such folder"
        }
    }
}
