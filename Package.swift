// swift-tools-version: 6.2
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "UsageLogger",
    products: [
        .executable(name: "usage-logger", targets: ["usage-logger"]),
        .library(name: "UsageLogger", targets: ["UsageLogger"]),
    ],
    targets: [
        // A few lines of C for what Swift cannot do safely: `openpty` (not exported by the Glibc module), the code
        // between fork and exec, and the signal handler of the self-pipe.
        .target(
            name: "CSystemShims",
            linkerSettings: [.linkedLibrary("util", .when(platforms: [.linux]))]
        ),
        // The system's SQLite library, for `PET_LOG_STORAGE_TYPE=sqlite|hybrid`; no Swift package.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(
            name: "UsageLogger",
            dependencies: ["CSystemShims", "CSQLite"],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "usage-logger",
            dependencies: ["UsageLogger"],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "usage-logger-bench",
            dependencies: ["UsageLogger"],
            path: "Benchmarks/usage-logger-bench",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "UsageLoggerTests",
            dependencies: ["UsageLogger"],
            exclude: ["Fixtures", "Support/OTLPReceiver.py"],
            swiftSettings: strictSwift
        ),
    ]
)
