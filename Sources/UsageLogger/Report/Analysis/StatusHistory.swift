/// What the status records say over time, per log directory label: each Claude Code version with its first and
/// last sighting, and the changes of model and account. Failed records (a probe that did not work) say nothing.
/// A model or account that is not shown is not a change: it is compared with the last one that was.
struct StatusHistory: Sendable {
    private struct VersionKey: Hashable {
        var label: String
        var version: String
    }

    private var versions: [Report.VersionSpan] = []
    private var versionIndex: [VersionKey: Int] = [:]
    private var lastModel: [String: String] = [:]
    private var lastAccount: [String: String] = [:]
    private(set) var changes: [Report.Change] = []
    /// Whether any status record was read (failed ones included): the health score needs something to stand on.
    private(set) var seenAny = false

    mutating func add(_ reading: StatusReading) {
        seenAny = true
        guard !reading.failed else { return }
        if let version = reading.version {
            let key = VersionKey(label: reading.label, version: version)
            if let index = versionIndex[key] {
                versions[index].firstSeen = min(versions[index].firstSeen, reading.time)
                versions[index].lastSeen = max(versions[index].lastSeen, reading.time)
                versions[index].records += 1
            } else {
                versionIndex[key] = versions.count
                versions.append(
                    Report.VersionSpan(
                        label: reading.label, version: version, firstSeen: reading.time, lastSeen: reading.time,
                        records: 1))
            }
        }
        if let model = reading.model {
            if let before = lastModel[reading.label], before != model {
                changes.append(
                    Report.Change(label: reading.label, at: reading.time, field: "model", from: before, to: model))
            }
            lastModel[reading.label] = model
        }
        if let account = reading.account {
            if let before = lastAccount[reading.label], before != account {
                changes.append(
                    Report.Change(
                        label: reading.label, at: reading.time, field: "account", from: before, to: account))
            }
            lastAccount[reading.label] = account
        }
    }

    /// The versions in order of first sighting.
    func versionSpans() -> [Report.VersionSpan] {
        versions.sorted { ($0.firstSeen, $0.label, $0.version) < ($1.firstSeen, $1.label, $1.version) }
    }
}
