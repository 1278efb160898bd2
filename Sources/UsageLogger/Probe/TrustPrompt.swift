/// Claude Code's folder-trust prompt, in each wording it has had:
/// - 2.1.1 to 2.1.19: `Do you trust the files in this folder?` with `❯ 1. Yes, proceed` / `2. No, exit`;
/// - 2.1.71 to 2.1.235: `Accessing workspace:` … `❯ 1. Yes, I trust this folder` / `2. No, exit`;
/// - 2.1.283 on: `Accessing workspace:` … `❯ No, exit` / `Yes, I trust this folder`.
/// The option under `❯` differs, so the key to press is read from the screen, never assumed.
enum TrustPrompt {
    /// What to press next to accept the prompt.
    enum Key: Equatable {
        case enter, down, up

        var bytes: [UInt8] {
            switch self {
            case .enter: [0x0D]
            case .down: Array("\u{1B}[B".utf8)
            case .up: Array("\u{1B}[A".utf8)
            }
        }
    }

    static func isShown(in lines: [String]) -> Bool {
        let squashed = lines.map(\.squashed)
        return squashed.contains { $0.contains("doyoutrustthefilesinthisfolder") || isYesOption($0) }
            && squashed.contains { $0.contains("accessingworkspace") || $0.contains("trust") }
    }

    /// Enter when `❯` marks the option that accepts, else the arrow that moves it there; nil when the screen
    /// shows no selected option yet (still drawing).
    static func nextKey(in lines: [String]) -> Key? {
        let options = lines.enumerated().filter { isYesOption($0.element.squashed) || isNoOption($0.element.squashed) }
        guard let yes = options.first(where: { isYesOption($0.element.squashed) })?.offset,
            let selected = options.first(where: { $0.element.contains("❯") })?.offset
        else { return nil }
        return selected == yes ? .enter : selected < yes ? .down : .up
    }

    static func isYesSelected(in lines: [String]) -> Bool {
        lines.contains { $0.contains("❯") && isYesOption($0.squashed) }
    }

    private static func isYesOption(_ squashed: String) -> Bool {
        squashed.contains("yesitrustthisfolder") || squashed.contains("yesproceed") || squashed.contains("yescontinue")
    }

    private static func isNoOption(_ squashed: String) -> Bool {
        squashed.hasSuffix("noexit")
    }
}
