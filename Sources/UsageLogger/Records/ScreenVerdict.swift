/// What a screen (or a probe's attempt at one) amounted to. The command layer turns it into an exit code.
public enum ScreenVerdict: Sendable, Equatable {
    /// The screen was recognised. A saved `/usage` capture that shows an error is also complete: the capture is
    /// fine, and its record says what `claude` reported.
    case complete
    /// Nothing recognisable was found in the screen.
    case nothingRecognised
    /// The probe failed: `claude` could not run, failed or timed out, or its `/usage` reported an error.
    case probeFailed
}
