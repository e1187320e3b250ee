// swift-tools-version: 6.1
import PackageDescription

/// The executables allocate with jemalloc on Linux (Debian: libjemalloc-dev
/// to build, libjemalloc2 to run): a plan of a large project makes millions
/// of small allocations from both cores, and glibc's allocator made the
/// whole `plan` process about 15 % slower (the `plan` benchmark).
/// Its options (huge pages) are compiled in by the AllocatorOptions target.
let jemalloc: [LinkerSetting] = [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "composeplan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "composeplan", targets: ["composeplan"]),
        .executable(name: "composeplan-benchmarks", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // System library over libcgraph/libgvc (Debian: libgraphviz-dev, pkgconf).
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // jemalloc's options, linked into the executables (`malloc_conf`).
        .target(name: "AllocatorOptions"),
        .target(
            name: "ComposeModel",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "PlanModel",
            dependencies: ["ComposeModel"]
        ),
        // The Docker Engine API's own answers (snapshots, image inspections,
        // references), parsed into typed views.
        .target(
            name: "DockerModel",
            dependencies: ["ComposeModel", "PlanModel"]
        ),
        .target(
            name: "Reconciler",
            dependencies: [
                "ComposeModel", "PlanModel", "DockerModel",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "Engine",
            dependencies: [
                "ComposeModel", "PlanModel", "DockerModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "Executor",
            dependencies: ["ComposeModel", "PlanModel", "DockerModel", "Engine"]
        ),
        .target(
            name: "Rendering",
            dependencies: ["PlanModel", "CGraphviz"]
        ),
        .target(
            name: "Report",
            dependencies: [
                "ComposeModel", "PlanModel", "Rendering",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            plugins: ["EmbedReportTemplate"]
        ),
        // Embeds templates/report.html.mustache into the Report target at build time.
        .executableTarget(name: "ReportTemplateEmbedder", path: "Plugins/ReportTemplateEmbedder"),
        .plugin(
            name: "EmbedReportTemplate",
            capability: .buildTool(),
            dependencies: ["ReportTemplateEmbedder"],
            path: "Plugins/EmbedReportTemplate"
        ),
        .target(
            name: "Workflows",
            dependencies: [
                "ComposeModel", "PlanModel", "DockerModel", "Reconciler", "Engine", "Executor", "Rendering", "Report",
            ]
        ),
        .executableTarget(
            name: "composeplan",
            dependencies: [
                "Workflows", "ComposeModel", "PlanModel", "DockerModel", "Engine", "Executor", "Rendering", "Report",
                "AllocatorOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: jemalloc
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["ComposeModel", "PlanModel", "DockerModel", "Reconciler", "Engine", "Executor", "Rendering", "Workflows",
                           "Report", "TestSupport", "AllocatorOptions"],
            linkerSettings: jemalloc
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ComposeModel", "PlanModel", "DockerModel"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "ComposeModelTests", dependencies: ["ComposeModel", "TestSupport"]),
        .testTarget(name: "PlanModelTests", dependencies: ["DockerModel", "PlanModel", "TestSupport"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["DockerModel", "Reconciler", "ComposeModel", "PlanModel", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["DockerModel", "Engine", "PlanModel", "ComposeModel", "TestSupport"]),
        .testTarget(name: "ExecutorTests", dependencies: ["DockerModel", "Executor", "Engine", "Reconciler", "PlanModel", "ComposeModel", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "PlanModel", "CGraphviz", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["DockerModel", "Report", "Rendering", "PlanModel", "ComposeModel", "TestSupport"]),
        .testTarget(name: "WorkflowsTests", dependencies: ["Workflows", "PlanModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DockerModel", "TestSupport", "PlanModel"]),
    ]
)
