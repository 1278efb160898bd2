/// What a `/status` screen says, in any of its shapes (1.0.x report, 2.x Settings panel, later rows).
public struct StatusReport: Sendable, Equatable {
    public struct MCPServer: Sendable, Equatable {
        public let name: String
        /// `connected`, `failed`, `needs_auth`, `warning` or `unknown`.
        public let state: String
    }

    public var version: String?
    public var email: String?
    /// The model as shown, e.g. `Default Opus 4.6 · Most capable for complex work`.
    public var model: String?
    /// The model id when the shown text names one in parentheses, e.g. `claude-opus-4-5-20251101`.
    public var modelID: String?
    public var sessionID: String?
    public var sessionName: String?
    public var sessionKind: String?
    public var loginMethod: String?
    public var login: String?
    public var organization: String?
    public var authToken: String?
    public var apiKey: String?
    public var apiProvider: String?
    public var workingDirectory: String?
    public var mcpServers: [MCPServer] = []
    /// The 2.1.88+ summary form of the MCP row, e.g. `2 connected, 1 need auth, 0 pending, 0 failed`.
    public var mcpSummary: String?
    public var memory: String?
    public var settingSources: String?
    public var ide: String?
    /// Rows with labels this version of usage-logger does not know, as label and value.
    public var extra: [(label: String, value: String)] = []
    public var diagnostics: [Diagnostic] = []
    /// `⚠` notices shown outside the panel's diagnostics section, such as start-up notices above the dialog
    /// (2.1.176: `2 setup issues: plugins, install · /doctor`): not installation warnings.
    public var notices: [String] = []

    public init() {}

    public static func == (lhs: StatusReport, rhs: StatusReport) -> Bool {
        lhs.version == rhs.version && lhs.email == rhs.email && lhs.model == rhs.model && lhs.modelID == rhs.modelID
            && lhs.sessionID == rhs.sessionID && lhs.sessionName == rhs.sessionName
            && lhs.sessionKind == rhs.sessionKind && lhs.loginMethod == rhs.loginMethod && lhs.login == rhs.login
            && lhs.organization == rhs.organization && lhs.authToken == rhs.authToken && lhs.apiKey == rhs.apiKey
            && lhs.apiProvider == rhs.apiProvider && lhs.workingDirectory == rhs.workingDirectory
            && lhs.mcpServers == rhs.mcpServers && lhs.mcpSummary == rhs.mcpSummary && lhs.memory == rhs.memory
            && lhs.settingSources == rhs.settingSources && lhs.ide == rhs.ide
            && lhs.extra.map(\.label) == rhs.extra.map(\.label) && lhs.extra.map(\.value) == rhs.extra.map(\.value)
            && lhs.diagnostics == rhs.diagnostics && lhs.notices == rhs.notices
    }

    /// How much the screen told us; the parser keeps the frame with the highest score.
    var score: Int {
        let fields: [String?] = [
            version, email, model, sessionID, sessionName, sessionKind, loginMethod, login, organization, authToken,
            apiKey, apiProvider, workingDirectory, mcpSummary, memory, settingSources, ide,
        ]
        return fields.compactMap { $0 }.count * 2 + mcpServers.count + extra.count + diagnostics.count * 2
            + notices.count
    }

    /// Whether the screen held a `/status` report at all.
    public var foundAnything: Bool { version != nil || sessionID != nil || email != nil || model != nil }

    /// The install-method mismatches, one per distinct (running, configured) pair.
    public var configMismatches: [ConfigMismatch] {
        var seen: [ConfigMismatch] = []
        for diagnostic in diagnostics where diagnostic.kind == .configMismatch {
            let running = diagnostic.details["running"] ?? ""
            let configured = diagnostic.details["configured"] ?? ""
            if !seen.contains(where: { $0.running == running && $0.configured == configured }) {
                seen.append(ConfigMismatch(running: running, configured: configured, message: diagnostic.message))
            }
        }
        return seen
    }

    /// Auto-update permissions: false/true only with evidence from a warning, else nil.
    public var permissions: UpdatePermissions {
        var permissions = UpdatePermissions()
        for diagnostic in diagnostics where diagnostic.kind == .updatePermissions {
            permissions.autoUpdate = false
            if diagnostic.details["requires_sudo"] == "true" { permissions.requiresSudo = true }
        }
        return permissions
    }
}
