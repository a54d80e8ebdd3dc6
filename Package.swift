// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: explicit public imports and `any` for existentials (see shared/STYLE.md, habit 1).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "automl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "automl", targets: ["automl"]),
        .executable(name: "automl-trainer", targets: ["automl-trainer"]),
        .executable(name: "automl-emulator", targets: ["automl-emulator"]),
        .library(name: "AutoMLClient", targets: ["AutoMLClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        // What the client and the local backend share: proto3 JSON, the wire messages, resource names, RPC codes.
        // No networking: the backend does not depend on AsyncHTTPClient or swift-crypto through it.
        .target(name: "AutoMLWire"),
        .target(
            name: "AutoMLClient",
            dependencies: [
                "AutoMLWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "AutoMLShell",
            dependencies: [
                "AutoMLClient",
                "CImageCodec",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // JPEG and PNG decoding to small RGB squares, and JPEG encoding, in C over TurboJPEG and libpng.
        .target(name: "CImageCodec", linkerSettings: [.linkedLibrary("turbojpeg"), .linkedLibrary("png16")]),
        // The libtorch core of the trainer worker, behind a C API (Debian's libtorch-dev). Only
        // `automl-trainer` links it: libtorch costs ~0.4 s and 167 MB at every start of a binary that links it.
        .target(
            name: "CAutoMLTorch",
            cxxSettings: [.unsafeFlags(["-I/usr/include/torch/csrc/api/include", "-O2"])],
            linkerSettings: [.linkedLibrary("torch"), .linkedLibrary("torch_cpu"), .linkedLibrary("c10")]
        ),
        // The trainer worker the local backend starts per training operation and per deployed model.
        .executableTarget(
            name: "automl-trainer",
            dependencies: ["AutoMLWorkerProtocol", "CAutoMLTorch", "CImageCodec"]
        ),
        // The JSON exchanged between the local backend and its trainer worker (jobs, progress, predictions).
        .target(name: "AutoMLWorkerProtocol"),
        .target(
            name: "AutoMLEmulator",
            dependencies: [
                "AutoMLWire",
                "AutoMLWorkerProtocol",
                "CImageCodec",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "AutoMLTestSupport",
            dependencies: [
                "AutoMLClient",
                "AutoMLEmulator",
                "AutoMLWorkerProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The shell and one-shot CLI: a lean client of the local server (or any endpoint); no SQLite, no codecs.
        .executableTarget(
            name: "automl",
            dependencies: [
                "AutoMLClient",
                "AutoMLShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The local backend's server (`automl emulator …` runs it): HTTP, SQLite, the image codecs, the trainer's
        // jobs.
        .executableTarget(
            name: "automl-emulator",
            dependencies: [
                "AutoMLWire",
                "AutoMLEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The floor of the emulator's HTTP benchmark (benchmarks/emulator-http.sh); not part of the product.
        .executableTarget(
            name: "automl-bench-floor",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The trainer benchmark (benchmarks/trainer.sh): the libtorch core's training epoch and the codec's decode
        // beside bare libtorch and TurboJPEG loops; benchmark-only, not part of the product.
        .executableTarget(
            name: "automl-bench-trainer",
            dependencies: ["CAutoMLTorch", "CImageCodec"],
            cxxSettings: [.unsafeFlags(["-I/usr/include/torch/csrc/api/include", "-O2"])],
            linkerSettings: [
                .linkedLibrary("torch"), .linkedLibrary("torch_cpu"), .linkedLibrary("c10"),
                .linkedLibrary("turbojpeg"), .linkedLibrary("m"),
            ]
        ),
        // The Tab benchmark (benchmarks/shell.sh): the shell's completer over 100,000 cached resources beside plain
        // hasPrefix scans; benchmark-only, not part of the product.
        .executableTarget(name: "automl-bench-shell", dependencies: ["AutoMLShell"]),
        .testTarget(
            name: "AutoMLClientTests",
            dependencies: [
                "AutoMLClient",
                "AutoMLTestSupport",
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AutoMLShellTests",
            dependencies: ["AutoMLClient", "AutoMLShell", "AutoMLEmulator", "AutoMLTestSupport"],
            exclude: ["Rendering/Snapshots"]
        ),
        .testTarget(
            name: "AutoMLEmulatorTests",
            dependencies: [
                "AutoMLClient",
                "AutoMLEmulator",
                "AutoMLTestSupport",
                "AutoMLWorkerProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    cxxLanguageStandard: .cxx17
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}

// The libFuzzer targets (Tests/Fuzz/run.sh): declared only when AUTOML_FUZZ is set, which that script does with a
// build folder of its own, because the fuzzer binary has no `main` (libFuzzer brings it) and the modules it fuzzes are
// built with coverage and AddressSanitizer. The dependencies are built without them.
if Context.environment["AUTOML_FUZZ"] != nil {
    let fuzzed: Set = ["AutoMLWire", "AutoMLClient", "AutoMLShell", "AutoMLEmulator", "AutoMLTestSupport"]
    for target in package.targets where fuzzed.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer,address"])]
    }
    package.targets.append(
        .executableTarget(
            name: "automl-fuzz",
            dependencies: ["AutoMLWire", "AutoMLShell", "AutoMLEmulator", "AutoMLTestSupport"],
            path: "Tests/Fuzz/Sources/automl-fuzz",
            swiftSettings: strictSettings + [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ))
    package.products.append(.executable(name: "automl-fuzz", targets: ["automl-fuzz"]))
}
