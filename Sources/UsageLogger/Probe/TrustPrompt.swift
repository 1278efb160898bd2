import Foundation

/// Claude Code's folder-trust prompt: `Accessing workspace:` … `❯ No, exit` / `Yes, I trust this folder`.
enum TrustPrompt {
    static func isShown(in lines: [String]) -> Bool {
        let squashed = lines.map(\.squashed)
        return squashed.contains { $0.contains("yesitrustthisfolder") || $0.contains("doyoutrustthefilesinthisfolder") }
            && squashed.contains { $0.contains("accessingworkspace") || $0.contains("trust") }
    }

    static func isYesSelected(in lines: [String]) -> Bool {
        lines.contains { $0.contains("❯") && $0.squashed.contains("yesitrustthisfolder") }
    }
}
