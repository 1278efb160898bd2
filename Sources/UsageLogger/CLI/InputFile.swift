import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The FILE argument of `parse` and `append`: read whole, or a message that says why it cannot be (missing, a
/// directory, not readable), for the command to print with exit 66.
enum InputFile {
    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot read \(path): \(reason)" }
    }

    static func read(_ path: String) throws(Unreadable) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw Unreadable(
                path: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)).lowercased())
        }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw Unreadable(path: path, reason: "it is a directory; give a file, or - for standard input")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(
                path: path,
                reason: access(path, R_OK) == 0 ? "it cannot be read" : "permission denied; check its permissions")
        }
        return [UInt8](data)
    }
}
