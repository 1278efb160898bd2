import Foundation

/// What the hooks remember per session (`sessions-index.tsv` beside the logs), so that each API response is
/// counted in `sessions.jsonl` once: how far each session has been accounted, the limit hits since its last row,
/// and when a resumed session started (responses before that are history copied from the session it resumes).
/// Bounded: the `maximumEntries` most recently touched sessions are kept. Read and replaced whole under
/// `LogPaths.sessionIndexLock`.
public struct SessionIndex: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        /// Rows written to `sessions.jsonl` for the session.
        public var rows = 0
        /// The time of the last response accounted; responses up to it are not counted again.
        public var countedThrough: Double?
        /// `StopFailure` rate-limit events since the last row.
        public var pendingLimitHits = 0
        /// When a `SessionStart` with source `resume` was seen.
        public var resumedAt: Double?
        /// Limit-hit records a `SessionEnd` wrote from the transcript because no `StopFailure` hook had (`claude -p`
        /// may end that hook before it starts); a `StopFailure` arriving late claims one instead of writing again.
        public var recovered = 0
        public var recoveredAt: Double?
        /// When the entry last changed, for eviction.
        public var updated: Double

        public init(id: String, updated: Double) {
            self.id = id
            self.updated = updated
        }

        /// Whether a row was written for the session, or it was looked at and needs none (one of our probes).
        var accounted: Bool { rows > 0 || countedThrough != nil }

        /// Responses at or before this time are not counted in the session's next row.
        var countFrom: Double? {
            switch (countedThrough, resumedAt) {
            case (let counted?, let resumed?): max(counted, resumed)
            case (let counted?, nil): counted
            case (nil, let resumed?): resumed
            case (nil, nil): nil
            }
        }
    }

    static let header = "usage-logger sessions index 1"
    static let maximumEntries = 4_096
    static let maximumBytes = 1 << 20

    /// When the index was started: transcripts last changed before it belong to sessions before the hooks were
    /// installed, and are not accounted as unended.
    public var created: Double
    public private(set) var entries: [String: Entry] = [:]

    public init(created: Double) { self.created = created }

    /// Whether `id` can be a session id: Claude Code's are UUIDs; nothing that could break a line is kept.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128
            && id.utf8.allSatisfy {
                $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || ($0 < 0x80 && isalnum(Int32($0)) != 0)
            }
    }

    public subscript(id: String) -> Entry? { entries[id] }

    /// Changes (or creates) the entry of `id` and marks it touched at `now`.
    public mutating func update(_ id: String, now: Double, _ change: (inout Entry) -> Void) {
        guard Self.isValidID(id) else { return }
        var entry = entries[id] ?? Entry(id: id, updated: now)
        change(&entry)
        entry.updated = now
        entries[id] = entry
        if entries.count > Self.maximumEntries {
            let oldest = entries.values.sorted { $0.updated < $1.updated }.prefix(entries.count - Self.maximumEntries)
            for entry in oldest { entries[entry.id] = nil }
        }
    }

    // MARK: File

    /// The index in `directory`; a new one (started `now`) when there is none or it cannot be read.
    public static func load(from directory: String, now: Double) -> SessionIndex {
        let path = LogPaths(directory: directory).sessionIndex
        guard case .bytes(let bytes)? = try? BoundedFile.read(path, maximumBytes: maximumBytes) else {
            return SessionIndex(created: now)
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        guard let first = lines.first, first.hasPrefix(header + "\t"),
            let created = Double(first.dropFirst(header.count + 1))
        else { return SessionIndex(created: now) }
        var index = SessionIndex(created: created)
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6 || fields.count == 8, isValidID(fields[0]), let updated = Double(fields[5]) else {
                continue
            }
            var entry = Entry(id: fields[0], updated: updated)
            entry.rows = Int(fields[1]) ?? 0
            entry.countedThrough = Double(fields[2])
            entry.pendingLimitHits = Int(fields[3]) ?? 0
            entry.resumedAt = Double(fields[4])
            if fields.count == 8 {
                entry.recovered = Int(fields[6]) ?? 0
                entry.recoveredAt = Double(fields[7])
            }
            index.entries[entry.id] = entry
        }
        return index
    }

    /// Replaces the file in one rename.
    public func save(in directory: String) throws {
        var text = Self.header + "\t" + String(created) + "\n"
        for entry in entries.values.sorted(by: { $0.updated < $1.updated }) {
            let fields = [
                entry.id, String(entry.rows), entry.countedThrough.map { String($0) } ?? "-",
                String(entry.pendingLimitHits), entry.resumedAt.map { String($0) } ?? "-", String(entry.updated),
                String(entry.recovered), entry.recoveredAt.map { String($0) } ?? "-",
            ]
            text += fields.joined(separator: "\t") + "\n"
        }
        try AtomicFile.write(Array(text.utf8), to: LogPaths(directory: directory).sessionIndex, durable: false)
    }
}
