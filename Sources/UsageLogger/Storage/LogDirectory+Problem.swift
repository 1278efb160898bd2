import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LogDirectory {
    /// Why this directory could not be used, judged without creating it: nil when it exists, is ours, only we can
    /// write in it and we can, or when it does not exist and its nearest existing parent is writable.
    func problem() -> String? {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            let reason = FileSystem.directoryRefusal(path, info)
        {
            return "\(path): \(reason)"
        }
        var current = path
        while FileSystem.kind(of: current) == .missing, current != "/" {
            current = (current as NSString).deletingLastPathComponent
        }
        switch FileSystem.kind(of: current) {
        case .directory, .symbolicLink:
            return access(current, W_OK | X_OK) == 0 ? nil : "\(current) is not writable"
        default:
            return "\(current) is not a directory"
        }
    }
}
