import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dedicated directory `claude` runs in, so that it never starts inside a user's project.
///
/// A directory is used only when it is ours: created by us (0700, marked), or found empty, owned by the user and
/// writable by nobody else (then marked). Anything else (a project, the home directory, a shared 1777 directory,
/// another user's directory) is refused with the reason, and never changed: its mode is left alone, nothing is
/// written into it, and the folder-trust prompt is never answered for it.
public struct ProbeDirectory: Sendable {
    /// The directory as configured.
    public let path: String

    public init(path: String) { self.path = path }

    /// Marks a directory as usage-logger's own.
    static let markerName = ".usage-logger-probe"

    /// Why a directory is not ours to probe in.
    public struct NotOurs: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String

        public var description: String {
            "PET_PROBE_DIR=\(path) is not usage-logger's own probe directory: \(reason); it was left as it is. "
                + "Point PET_PROBE_DIR at a new directory (or unset it for the default)"
        }
    }

    /// Creates the directory (0700, marked) if missing, or checks that the one there is ours, and returns its real
    /// path (what `claude` sees as its working directory).
    public func prepare() throws -> String {
        if FileSystem.kind(of: path) == .missing { try FileSystem.createDirectory(path, mode: 0o700) }
        var info = stat()
        try SystemCall.retrying("lstat", path: path) { lstat(path, &info) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw NotOurs(path: path, reason: "it is not a directory") }
        guard info.st_uid == getuid() else {
            throw NotOurs(path: path, reason: "it belongs to another user (uid \(info.st_uid))")
        }
        guard info.st_mode & 0o022 == 0 else {
            throw NotOurs(
                path: path,
                reason: "others can write in it (mode \(String(info.st_mode & 0o7777, radix: 8))), so they could "
                    + "plant settings that Claude Code would trust")
        }
        let marker = path + "/" + Self.markerName
        if FileSystem.kind(of: marker) != .regular {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty else {
                throw NotOurs(path: path, reason: "it holds files and was not made by usage-logger")
            }
            try mark()
        }
        return realPath(path)
    }

    private func mark() throws {
        let marker = path + "/" + Self.markerName
        let descriptor = try SystemCall.retrying("create", path: marker) {
            open(marker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        }
        SystemCall.closeQuietly(descriptor)
    }

    /// Claude Code's folder name for a project directory: every character but letters and digits becomes `-`.
    public static func slug(for directory: String) -> String {
        String(
            directory.unicodeScalars.map {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "-"
            })
    }

    private func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
