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
        // `openpty` is not exported by the Swift Glibc module, so a few lines of C provide it.
        .target(
            name: "CPseudoTerminal",
            linkerSettings: [.linkedLibrary("util", .when(platforms: [.linux]))]
        ),
        .target(
            name: "UsageLogger",
            dependencies: ["CPseudoTerminal"],
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
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
    ]
)
