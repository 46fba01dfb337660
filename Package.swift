// swift-tools-version:6.0
// The module layout follows ../shared/DESIGN.md §Modules; targets are added as the issues need them.
import PackageDescription

let package = Package(
    name: "routine",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "routine", targets: ["routine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libavutil-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // MARK: Libraries
        .target(
            name: "RoutineCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
                           .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "Media",
            dependencies: ["CFFmpeg", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Neural", dependencies: ["COpenBLAS"]),
        .target(name: "Drawing", dependencies: ["CCairo"]),
        .target(
            name: "Synth",
            dependencies: ["Media", "Drawing", "RoutineCore", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Features", dependencies: ["Media", .product(name: "Logging", package: "swift-log")]),
        .target(name: "Assessment", dependencies: ["Neural", "RoutineCore"]),
        .target(
            name: "Commentary",
            dependencies: ["Neural", "RoutineCore", "Assessment", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "Batch",
            dependencies: ["Media", "Features", "Neural", "Assessment", "Commentary", "Report", "RoutineCore",
                           .product(name: "Logging", package: "swift-log"), .product(name: "CSV", package: "CSV.swift")]
        ),
        .target(name: "Report", dependencies: ["Drawing", "CCairo", "CPango", "RoutineCore"]),

        // MARK: Executables
        .executableTarget(
            name: "routine",
            dependencies: [
                "RoutineCore", "Media", "Synth", "Features", "Batch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "NeuralBench", dependencies: ["Neural", "COpenBLAS"]),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["Media"], path: "Sources/TestSupport"),
        .testTarget(name: "RoutineCoreTests", dependencies: ["RoutineCore", "TestSupport"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "TestSupport"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "RoutineCore", "Media", "TestSupport"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "Media", "Synth", "RoutineCore", "TestSupport"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "Neural", "RoutineCore"]),
        .testTarget(name: "CommentaryTests", dependencies: ["Commentary", "Assessment", "Neural", "RoutineCore", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "RoutineCore", "Media", "Synth", "Features", "Assessment", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Drawing", "RoutineCore", "TestSupport"]),
        .testTarget(name: "NeuralTests", dependencies: ["Neural"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
