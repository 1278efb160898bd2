import Foundation

/// The captures in `Tests/UsageLoggerTests/Fixtures` (copies of `../shared/samples`).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
    }

    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }

    /// The repository's top directory (where Package.swift is).
    static let packageRoot = directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
