import Foundation

/// Drives `claude /status` or `claude /usage` in its terminal as a careful person would: answers cursor-position
/// queries, accepts the folder-trust prompt only in usage-logger's own probe directory, and once the dialog is
/// complete and has stopped changing, presses Esc and asks the runner to end Claude Code (which stays running
/// at its prompt after the dialog closes).
public final class ProbeDriver: TerminalObserver {
    private enum TrustStep { case none, moved(atMs: Int), pressedEnter }

    private static let assessEveryMs = 100
    private static let closeAfterEscMs = 300
    private static let trustPromptQuietMs = 500

    let kind: ProbeKind
    private let completeness: ScreenCompleteness
    let workingDirectory: String
    let mayAcceptTrustPrompt: Bool
    private var screen = VirtualScreen()
    private var trustStep = TrustStep.none
    private var lastAssessmentMs = -assessEveryMs
    private var fingerprint = ""
    private var unchangedSinceMs = 0
    private var pressedEscAtMs: Int?
    /// The screen that held the most of all those assessed: some releases overwrite rows without erasing them
    /// (2.1.283 and 2.1.314 drop the plan windows when a refresh fails), which leaves no snapshot.
    private var mostComplete: (score: Int, lines: [String]) = (0, [])
    /// The most complete screen seen, then the rendered frames at the moment the probe pressed Esc: the dialog as
    /// it stood before closing it.
    private(set) var framesBeforeEsc: [[String]] = []

    public init(kind: ProbeKind, workingDirectory: String, mayAcceptTrustPrompt: Bool) {
        self.kind = kind
        completeness = ScreenCompleteness(kind: kind)
        self.workingDirectory = workingDirectory
        self.mayAcceptTrustPrompt = mayAcceptTrustPrompt
    }

    public func observe(_ activity: TerminalActivity) -> [TerminalAction] {
        screen.feed(activity.output)
        var actions = screen.takeReplies().map(TerminalAction.send)
        if let pressedEscAtMs {
            if activity.elapsedMs - pressedEscAtMs >= Self.closeAfterEscMs { actions.append(.finish) }
            return actions
        }
        guard activity.elapsedMs - lastAssessmentMs >= Self.assessEveryMs else { return actions }
        lastAssessmentMs = activity.elapsedMs
        let lines = screen.visibleLines()
        if TrustPrompt.isShown(in: lines) {
            actions += answerTrustPrompt(lines, activity)
            return actions
        }
        let assessment = completeness.assess(lines, at: Date())
        if assessment.score > 0, assessment.score >= mostComplete.score { mostComplete = (assessment.score, lines) }
        if assessment.fingerprint != fingerprint {
            fingerprint = assessment.fingerprint
            unchangedSinceMs = activity.elapsedMs
        }
        if assessment.complete, activity.elapsedMs - unchangedSinceMs >= completeness.settleMs, !activity.exited {
            pressedEscAtMs = activity.elapsedMs
            framesBeforeEsc = (mostComplete.score > 0 ? [mostComplete.lines] : []) + screen.frames()
            actions.append(.send([0x1B]))
        }
        return actions
    }

    /// Once the prompt has been quiet, the key the screen calls for (Enter when `❯` already marks the option that
    /// accepts, as in 2.1.1 to 2.1.235, else an arrow towards it), then Enter once `❯` is on it: keys sent while
    /// Claude Code is still drawing are lost or misread.
    private func answerTrustPrompt(_ lines: [String], _ activity: TerminalActivity) -> [TerminalAction] {
        guard mayAcceptTrustPrompt else {
            return [
                .fail(
                    "claude asks whether to trust the folder \(workingDirectory); usage-logger answers that prompt "
                        + "only in a directory of its own (PET_PROBE_DIR: new or empty); point PET_PROBE_DIR at an empty directory"
                )
            ]
        }
        switch trustStep {
        case .none where activity.quietMs >= Self.trustPromptQuietMs:
            guard let key = TrustPrompt.nextKey(in: lines) else { return [] }
            trustStep = key == .enter ? .pressedEnter : .moved(atMs: activity.elapsedMs)
            return [.send(key.bytes)]
        case .moved where TrustPrompt.isYesSelected(in: lines):
            trustStep = .pressedEnter
            return [.send(TrustPrompt.Key.enter.bytes)]
        case .moved(let atMs) where activity.elapsedMs - atMs >= 3_000:
            trustStep = .none  // the key was lost: look again once the screen is quiet
            return []
        default:
            return []
        }
    }
}
