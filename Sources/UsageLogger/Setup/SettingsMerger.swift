/// Puts usage-logger's statusLine and hooks into Claude Code's settings (a JSON object) and changes nothing else:
/// every other key keeps its value and place, other hooks stay, and an entry of ours from an earlier set-up (any
/// path) is updated in place rather than added twice. Pure: JSON in, JSON out; merging its own result again gives
/// the same value, which is what makes setup idempotent.
struct SettingsMerger {
    /// What to do with a statusLine that runs another command.
    enum OtherStatusline: Sendable { case refuse, replace, chain }

    /// The hook events usage-logger handles (see `usage-logger hook`).
    static let hookEvents = ["SessionStart", "StopFailure", "SessionEnd"]

    /// The settings file's path, for messages.
    let path: String
    /// The usage-logger program the entries run.
    let executable: String
    var otherStatusline = OtherStatusline.refuse

    struct Outcome {
        var settings: JSONValue
        /// One line per entry added or changed, for people: `statusLine: added`.
        var changes: [String] = []
    }

    /// `settings` with our statusLine and/or hooks.
    func merging(statusline: Bool, hooks: Bool, into settings: JSONValue) throws(SetupError) -> Outcome {
        guard case .object(var members) = settings else {
            throw .invalidSettings(path: path, problem: "it holds \(Self.kind(of: settings)), not an object")
        }
        var changes: [String] = []
        if statusline { try mergeStatusline(into: &members, changes: &changes) }
        if hooks { try mergeHooks(into: &members, changes: &changes) }
        return Outcome(settings: .object(members), changes: changes)
    }

    private func mergeStatusline(into members: inout [(String, JSONValue)], changes: inout [String]) throws(SetupError)
    {
        var ours = SettingsCommand(executable: executable, subcommand: SettingsCommand.statusline)
        let current = Self.value(of: "statusLine", in: members)
        var entry: [(String, JSONValue)]
        switch current {
        case nil, .null?:
            entry = []
        case .object(let existing)?:
            entry = existing
        case let other?:
            guard otherStatusline == .replace else {
                throw .unexpectedShape(
                    path: path, key: "statusLine", found: Self.kind(of: other), expected: "an object")
            }
            entry = []
        }
        let command = Self.value(of: "command", in: entry)?.stringValue
        let type = Self.value(of: "type", in: entry)?.stringValue
        if let command, let existing = SettingsCommand.recognise(command, ourExecutable: executable),
            existing.subcommand == SettingsCommand.statusline
        {
            ours.chained = otherStatusline == .replace ? nil : existing.chained
        } else if !entry.isEmpty {
            switch otherStatusline {
            case .refuse:
                throw .otherStatusline(path: path, command: command ?? current?.serialized() ?? "")
            case .replace:
                entry = entry.filter { $0.0 != "type" && $0.0 != "command" }
            case .chain:
                guard let command, type == nil || type == "command", !command.isEmpty else {
                    throw .nothingToChain(path: path)
                }
                ours.chained = command
            }
        }
        Self.set("type", to: .string("command"), in: &entry, first: true)
        Self.set("command", to: .string(ours.line), in: &entry)
        let updated = JSONValue.object(entry)
        guard updated != current else { return }
        Self.set("statusLine", to: updated, in: &members)
        changes.append("statusLine: " + (current == nil || current == .null ? "set to " : "now ") + ours.line)
    }

    private func mergeHooks(into members: inout [(String, JSONValue)], changes: inout [String]) throws(SetupError) {
        let ours = SettingsCommand(executable: executable, subcommand: SettingsCommand.hook).line
        var hooks: [(String, JSONValue)]
        switch Self.value(of: "hooks", in: members) {
        case nil, .null?: hooks = []
        case .object(let existing)?: hooks = existing
        case let other?:
            throw .unexpectedShape(path: path, key: "hooks", found: Self.kind(of: other), expected: "an object")
        }
        for event in Self.hookEvents {
            var groups: [JSONValue]
            switch Self.value(of: event, in: hooks) {
            case nil, .null?: groups = []
            case .array(let existing)?: groups = existing
            case let other?:
                throw .unexpectedShape(
                    path: path, key: "hooks.\(event)", found: Self.kind(of: other), expected: "an array")
            }
            var found = false
            var updated = false
            for (groupIndex, group) in groups.enumerated() {
                guard case .object(var groupMembers) = group,
                    case .array(var entries)? = Self.value(of: "hooks", in: groupMembers)
                else { continue }
                for (entryIndex, entry) in entries.enumerated() {
                    guard case .object(var entryMembers) = entry,
                        let command = Self.value(of: "command", in: entryMembers)?.stringValue,
                        SettingsCommand.recognise(command, ourExecutable: executable)?.subcommand
                            == SettingsCommand.hook
                    else { continue }
                    found = true
                    guard command != ours else { continue }
                    Self.set("command", to: .string(ours), in: &entryMembers)
                    entries[entryIndex] = .object(entryMembers)
                    updated = true
                }
                Self.set("hooks", to: .array(entries), in: &groupMembers)
                groups[groupIndex] = .object(groupMembers)
            }
            if !found {
                groups.append(
                    .object([
                        ("matcher", .string("")),
                        ("hooks", .array([.object([("type", .string("command")), ("command", .string(ours))])])),
                    ]))
            }
            guard !found || updated else { continue }
            Self.set(event, to: .array(groups), in: &hooks)
            changes.append("hooks.\(event): " + (found ? "now " : "added ") + ours)
        }
        Self.set("hooks", to: .object(hooks), in: &members)
    }

    /// The value under `key` among an object's members.
    static func value(of key: String, in members: [(String, JSONValue)]) -> JSONValue? {
        members.first { $0.0 == key }?.1
    }

    /// Sets `key` where it is, or adds it at the end (or at the start with `first`), keeping the others' order.
    private static func set(
        _ key: String, to value: JSONValue, in members: inout [(String, JSONValue)], first: Bool = false
    ) {
        if let index = members.firstIndex(where: { $0.0 == key }) {
            members[index].1 = value
        } else if first {
            members.insert((key, value), at: 0)
        } else {
            members.append((key, value))
        }
    }

    /// "an array", "a string": what a value is, for messages.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
