import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LogDirectory {
    /// Why this directory could not be used, judged without creating it: nil when it exists and is writable, or
    /// when its nearest existing parent is.
    func problem() -> String? {
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
