/// The `/status` rows usage-logger knows, matched by their squashed label so case and lost spaces don't matter.
enum StatusField: CaseIterable {
    case version, sessionName, sessionID, sessionKind, loginMethod, login, authToken, apiKey, organization, email
    case apiProvider, workingDirectory, model, ide, mcpServers, memory, settingSources

    init?(label: String, value: String) {
        switch label.squashed {
        case "version": self = .version
        case "sessionname": self = .sessionName
        case "sessionid": self = .sessionID
        case "sessionkind": self = .sessionKind
        case "loginmethod": self = .loginMethod
        case "login": self = .login
        case "authtoken": self = .authToken
        case "apikey": self = .apiKey
        case "organization", "org": self = .organization
        case "email": self = .email
        case "account" where value.contains("@"): self = .email
        case "apiprovider": self = .apiProvider
        case "cwd", "workingdirectory": self = .workingDirectory
        case "model": self = .model
        case "ide": self = .ide
        case "mcpservers": self = .mcpServers
        case "memory": self = .memory
        case "settingsources": self = .settingSources
        default: return nil
        }
    }

    var keyPath: WritableKeyPath<StatusReport, String?>? {
        switch self {
        case .version: \.version
        case .sessionName: \.sessionName
        case .sessionID: \.sessionID
        case .sessionKind: \.sessionKind
        case .loginMethod: \.loginMethod
        case .login: \.login
        case .authToken: \.authToken
        case .apiKey: \.apiKey
        case .organization: \.organization
        case .email: \.email
        case .apiProvider: \.apiProvider
        case .workingDirectory: \.workingDirectory
        case .model: \.model
        case .ide: \.ide
        case .memory: \.memory
        case .settingSources: \.settingSources
        case .mcpServers: nil
        }
    }
}

/// The 1.0.x report's sections; in 2.x only `System Diagnostics` remains as a heading.
enum StatusSection {
    case none, workingDirectory, apiConfiguration, diagnostics, ide, mcp, account, memory, model, other

    /// The section a title row opens, e.g. ` Account • /login` or `System diagnostics`.
    init?(title line: CaptureLine) {
        // 2.1.283 to 2.1.314 indent the whole panel by three columns; a `⚠` notice is never a title.
        guard line.indent <= 4, !line.hasTreeMark, !line.text.contains(":"),
            line.text.unicodeScalars.first?.properties.isAlphabetic == true
        else { return nil }
        var name = line.text
        var hasCommand = false
        for separator in [" • /", " · /", "•/", "·/"] {
            if let range = name.range(of: separator) {
                name = String(name[..<range.lowerBound])
                hasCommand = true
                break
            }
        }
        switch name.squashed {
        case "workingdirectory": self = .workingDirectory
        case "apiconfiguration": self = .apiConfiguration
        case "systemdiagnostics", "diagnostics": self = .diagnostics
        case "ideintegration": self = .ide
        case "mcpservers": self = .mcp
        case "account": self = .account
        case "memory": self = .memory
        case "model": self = .model
        default:
            guard hasCommand else { return nil }
            self = .other
        }
    }
}
