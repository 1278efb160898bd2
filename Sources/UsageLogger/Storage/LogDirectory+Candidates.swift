/// The other places usage-logger may have written logs to, so that a history split between two of them is said
/// rather than found out later: the checkout's `data/logs` (when run from it), the default beside Claude Code's
/// settings, the fallback, and `PET_LOG_DIR` when it is set.
extension LogDirectory {
    /// Candidate directories other than `self` that hold a usage or status log, or a database of records.
    public func othersWithRecords(configuration: Configuration, currentDirectory: String) -> [String] {
        var candidates = [
            configuration.claudeConfigDirectory + "/pets/logs", Self.fallbackPath(configuration: configuration),
        ]
        if Self.isProjectCheckout(currentDirectory) { candidates.append(currentDirectory + "/data/logs") }
        if let explicit = configuration.logDirectory { candidates.append(explicit) }
        var seen: Set<String> = [path]
        return candidates.filter { candidate in
            guard seen.insert(candidate).inserted else { return false }
            let paths = LogPaths(directory: candidate)
            return [paths.log(.usage), paths.log(.status), paths.defaultDatabase].contains {
                FileSystem.kind(of: $0) == .regular
            }
        }
    }
}
