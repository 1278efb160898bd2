/// One line of progress on standard error for long work (`import`), rewritten in place, only when a person
/// watches (standard error is a terminal) and only when the whole percentage changes; cleared at the end, so
/// what remains on the screen is the result.
struct ProgressLine {
    let console: Console
    private var lastPercent = -1
    private var shown = false

    init(console: Console) { self.console = console }

    mutating func show(_ progress: LogImporter.Progress) {
        guard console.errorIsTerminal, progress.bytesTotal > 0 else { return }
        let percent = Int(min(100, progress.bytesDone * 100 / progress.bytesTotal))
        guard percent != lastPercent else { return }
        lastPercent = percent
        shown = true
        let name = progress.file.split(separator: "/").last.map(String.init) ?? progress.file
        console.writeError(
            "\r\u{1B}[Kimporting \(name): \(percent)% of \(ByteCount.text(progress.bytesTotal))")
    }

    /// Removes the line, if one was shown.
    mutating func clear() {
        guard shown else { return }
        console.writeError("\r\u{1B}[K")
        shown = false
    }
}
