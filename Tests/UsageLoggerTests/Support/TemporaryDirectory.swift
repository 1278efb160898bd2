import Foundation

/// Runs `body` with a fresh directory and removes the directory when `body` returns or throws.
///
/// Scoped on purpose: a directory removed in a `deinit` could vanish before the test used it, because Swift may
/// release an object right after its last use (`let path = TemporaryDirectory().path`).
func withTemporaryDirectory<Result>(_ body: (TemporaryDirectory) throws -> Result) rethrows -> Result {
    let directory = TemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory.path) }
    return try body(directory)
}

/// A fresh directory, valid inside the `withTemporaryDirectory` body that was given it.
struct TemporaryDirectory {
    let path: String

    /// Only `withTemporaryDirectory` makes one, so that every directory is removed.
    fileprivate init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "usage-logger-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.resolvingSymlinksInPath().path
    }

    private init(path: String) { self.path = path }

    /// A directory inside this one, created if needed; removed with this one.
    func subdirectory(_ name: String) -> TemporaryDirectory {
        let inside = TemporaryDirectory(path: path + "/" + name)
        try? FileManager.default.createDirectory(atPath: inside.path, withIntermediateDirectories: true)
        return inside
    }

    /// Writes `text` to `name` inside the directory and returns its path; `executable` sets mode 0755.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) -> String {
        let file = path + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        if executable { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }
}
