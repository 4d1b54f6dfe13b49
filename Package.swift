// swift-tools-version:6.1
import PackageDescription

#if canImport(Glibc)
import Glibc
#endif

/// Release builds carry the Swift runtime and Foundation inside the binaries (`-static-stdlib`,
/// as `swift build --static-swift-stdlib` does, so plain `swift build -c release` gives them): one
/// image instead of a dozen shared libraries is several MB less resident memory per daemon
/// (docs/performance.md), and the binaries run on a server without a Swift toolchain. Compiling
/// with the flag picks the static Foundation's module, which links its own dependencies. Debug
/// builds (and the tests) link dynamically, which is faster to build.
let staticRuntime = ["-static-stdlib"]

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(staticRuntime, .when(configuration: .release)),
]

/// Whether the C library of the machine that builds reads packed relative relocations (glibc
/// 2.36 and later: `confstr` answers "glibc 2.36").
let glibcReadsPackedRelocations: Bool = {
    #if canImport(Glibc)
    var text = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count) > 0 else { return false }
    let version = String(cString: text).split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    #else
    return false
    #endif
}()

/// Release binaries are linked by LLVM's lld (shipped with the Swift toolchain) rather than gold,
/// with relative relocations packed (`DT_RELR`) where the C library can read them: the loader then
/// reads 40 KB of relocations at start instead of 2.9 MB, which stay mapped. Together about 6 MB
/// less resident memory per daemon (docs/performance.md). glibc reads `DT_RELR` from 2.36 on
/// (Debian 12); an older one (Ubuntu 22.04) refuses to start a binary that has them, so the flag
/// follows the glibc of the machine that builds.
let releaseLinkerFlags = ["-use-ld=lld"] + (glibcReadsPackedRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : [])

let daemonLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(staticRuntime, .when(configuration: .release)),
    .unsafeFlags(releaseLinkerFlags, .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "aimeter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aimeter-collector", targets: ["aimeter-collector"]),
        .executable(name: "aimeter-api", targets: ["aimeter-api"]),
        .executable(name: "aimeter", targets: ["aimeter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Hummingbird's own dependency, named for NIOEmbedded in the route-cost benchmark.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(name: "CAIMeterSys"),

        // MARK: Libraries
        .target(name: "AIMeterCore", swiftSettings: swiftSettings),
        .target(
            name: "AIMeterLogging",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterConfig",
            dependencies: [
                "AIMeterCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterSecurity",
            dependencies: [
                "AIMeterCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterStore",
            dependencies: ["AIMeterCore", "AIMeterSecurity", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterHTTP",
            dependencies: ["AIMeterCore", "CCurl"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterProviders",
            dependencies: ["AIMeterCore", "AIMeterHTTP"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterExport",
            dependencies: ["AIMeterCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterControl",
            dependencies: ["AIMeterCore", "CAIMeterSys"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterCollector",
            dependencies: [
                "AIMeterCore", "AIMeterConfig", "AIMeterSecurity", "AIMeterStore", "AIMeterHTTP",
                "AIMeterProviders", "AIMeterControl", "AIMeterLogging", "CSystemd", "CAIMeterSys",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterAPI",
            dependencies: [
                "AIMeterCore", "AIMeterConfig", "AIMeterSecurity", "AIMeterStore", "AIMeterExport",
                "AIMeterControl", "AIMeterLogging", "CSystemd",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AIMeterCLI",
            dependencies: [
                "AIMeterCore", "AIMeterConfig", "AIMeterSecurity", "AIMeterStore", "AIMeterExport",
                "AIMeterControl", "AIMeterProviders", "AIMeterLogging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (thin)
        .executableTarget(
            name: "aimeter-collector", dependencies: ["AIMeterCollector"], swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings),
        .executableTarget(
            name: "aimeter-api", dependencies: ["AIMeterAPI"], swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings),
        .executableTarget(
            name: "aimeter", dependencies: ["AIMeterCLI"], swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings),

        // MARK: Benchmarks (not products: bench/history.sh and bench/route-cost.sh build and run them)
        .executableTarget(
            name: "aimeter-bench-seed",
            dependencies: ["AIMeterCore", "AIMeterStore", "AIMeterProviders"],
            path: "bench/Sources/aimeter-bench-seed",
            swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings
        ),

        .executableTarget(
            name: "aimeter-bench-route",
            dependencies: [
                "AIMeterAPI", "AIMeterConfig", "AIMeterLogging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "bench/Sources/aimeter-bench-route",
            swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings
        ),

        // MARK: Tests
        .target(
            name: "AIMeterTestSupport",
            dependencies: [
                "AIMeterCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/AIMeterTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AIMeterCoreTests", dependencies: ["AIMeterCore", "AIMeterTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "AIMeterLoggingTests", dependencies: ["AIMeterLogging"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AIMeterConfigTests",
            dependencies: ["AIMeterConfig", "AIMeterTestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIMeterStoreTests",
            dependencies: ["AIMeterStore", "AIMeterSecurity", "AIMeterTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIMeterExportTests",
            dependencies: ["AIMeterExport"],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIMeterProvidersTests",
            dependencies: ["AIMeterProviders", "AIMeterHTTP", "AIMeterTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIMeterCollectorTests",
            dependencies: ["AIMeterCollector", "AIMeterTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIMeterAPITests",
            dependencies: [
                "AIMeterAPI", "AIMeterTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AIMeterCLITests",
            dependencies: ["AIMeterCLI", "AIMeterTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
