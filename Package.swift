// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "replylint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "replylint", targets: ["replylint"]),
        .library(name: "ReplyLintCore", targets: ["ReplyLintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .executableTarget(
            name: "RulePackEmbedder",
            path: "Sources/RulePackEmbedder"
        ),
        .plugin(
            name: "EmbedRulePack",
            capability: .buildTool(),
            dependencies: ["RulePackEmbedder"]
        ),
        .target(
            name: "ReplyLintCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRulePack"]
        ),
        .target(
            name: "ReplyLintReaders",
            dependencies: ["ReplyLintCore", "CLibXML2"]
        ),
        .target(
            name: "ReplyLintReporters",
            dependencies: ["ReplyLintCore"]
        ),
        .executableTarget(
            name: "replylint",
            dependencies: [
                "ReplyLintCore", "ReplyLintReaders", "ReplyLintReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ReplyLintCoreTests", dependencies: ["ReplyLintCore"]),
        .testTarget(name: "ReplyLintReadersTests", dependencies: ["ReplyLintReaders"]),
        .testTarget(name: "ReplyLintReportersTests", dependencies: ["ReplyLintReporters"]),
        .testTarget(name: "RulePackTests", dependencies: ["ReplyLintCore", "ReplyLintReaders"]),
        .testTarget(name: "CLITests", dependencies: ["replylint"]),
    ]
)
