/// A small terminal emulator that turns a program's output into the rows a person would see.
///
/// Claude Code draws its dialogs with cursor moves rather than spaces (`ESC[27G` between a label and its value),
/// so deleting escape codes welds words together and loses letters; rendering is the only faithful reading.
/// Dialogs are also erased when they close, so just before output is erased the screen keeps a snapshot:
/// `frames()` returns those snapshots and the final screen, and parsers pick the frame that holds the dialog.
public struct VirtualScreen {
    public static let defaultRows = 50
    public static let defaultColumns = 200
    static let maximumSnapshots = 128
    static let maximumScrollback = 5_000

    public let rows: Int
    public let columns: Int
    /// The main screen (0) and the alternate screen (1); `active` indexes the one being drawn on. An array
    /// rather than a computed property so that writes mutate the cells in place instead of copying them.
    var screens: [TerminalGrid]
    var active = 0
    var cursorRow = 0
    var cursorColumn = 0
    var wrapPending = false
    var savedCursor: (row: Int, column: Int) = (0, 0)
    var scrollTop = 0
    var scrollBottom: Int
    var scrollback: [String] = []
    var snapshots: [[String]] = []
    /// True when characters were drawn since the last snapshot, so erasing them would lose something new.
    var hasUnsavedDrawing = false
    var replies: [[UInt8]] = []
    private var parser = EscapeSequenceParser()

    public init(rows: Int = defaultRows, columns: Int = defaultColumns) {
        self.rows = max(rows, 2)
        self.columns = max(columns, 2)
        screens = [
            TerminalGrid(rows: self.rows, columns: self.columns), TerminalGrid(rows: self.rows, columns: self.columns),
        ]
        scrollBottom = self.rows - 1
    }

    /// Renders `bytes` as a terminal would and returns every frame (see `frames()`).
    public static func frames(of bytes: some Sequence<UInt8>) -> [[String]] {
        var screen = VirtualScreen()
        screen.feed(bytes)
        return screen.frames()
    }

    /// Processes more output.
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        var events: [TerminalEvent] = []
        for byte in bytes {
            parser.feed(byte, into: &events)
            for event in events { apply(event) }
            events.removeAll(keepingCapacity: true)
        }
    }

    /// The rows visible now, trailing blanks removed.
    public func visibleLines() -> [String] {
        grid.lines()
    }

    /// Snapshots taken before content was erased, oldest first, then the final screen (with the scrollback of
    /// the main screen above it). Trailing blank rows are dropped.
    public func frames() -> [[String]] {
        let final = isAlternateActive ? screens[1].lines() : scrollback + screens[0].lines()
        return (snapshots + [final]).map(Self.droppingTrailingBlankLines)
    }

    /// Answers the program asked for (cursor position reports); taking them clears the queue.
    public mutating func takeReplies() -> [[UInt8]] {
        defer { replies = [] }
        return replies
    }

    var isAlternateActive: Bool { active == 1 }

    /// The screen being drawn on, for reading; write through `screens[active]`.
    var grid: TerminalGrid { screens[active] }

    /// Keeps a snapshot when an erase would destroy drawing not yet saved.
    mutating func preserveBeforeErasing(from start: (row: Int, column: Int), to end: (row: Int, column: Int)) {
        guard hasUnsavedDrawing, !grid.isBlank(from: start, to: end) else { return }
        let lines = Self.droppingTrailingBlankLines(grid.lines())
        if snapshots.last != lines {
            snapshots.append(lines)
            if snapshots.count > Self.maximumSnapshots { snapshots.removeFirst() }
        }
        hasUnsavedDrawing = false
    }

    mutating func preserveWholeScreen() {
        preserveBeforeErasing(from: (0, 0), to: (rows, 0))
    }

    private mutating func apply(_ event: TerminalEvent) {
        switch event {
        case .print(let scalar): print(scalar)
        case .control(let byte): control(byte)
        case .controlSequence(let sequence): controlSequence(sequence)
        case .escape(let intermediates, let final): escape(intermediates: intermediates, final: final)
        }
    }

    private mutating func print(_ scalar: Unicode.Scalar) {
        let width = CharacterWidth.of(scalar)
        guard width > 0 else { return }
        if wrapPending || cursorColumn + width > columns {
            wrapPending = false
            cursorColumn = 0
            lineFeed()
        }
        screens[active][cursorRow, cursorColumn] = scalar
        if width == 2 { screens[active][cursorRow, cursorColumn + 1] = TerminalGrid.continuation }
        hasUnsavedDrawing = true
        if cursorColumn + width >= columns {
            cursorColumn = columns - 1
            wrapPending = true
        } else {
            cursorColumn += width
        }
    }

    private mutating func control(_ byte: UInt8) {
        switch byte {
        case 0x08:  // BS
            cursorColumn = max(0, cursorColumn - 1)
            wrapPending = false
        case 0x09:  // TAB
            cursorColumn = min(columns - 1, (cursorColumn / 8 + 1) * 8)
        case 0x0A, 0x0B, 0x0C:  // LF, VT, FF: captures saved without a terminal use bare LF for a new line
            cursorColumn = 0
            wrapPending = false
            lineFeed()
        case 0x0D:  // CR
            cursorColumn = 0
            wrapPending = false
        default:
            break
        }
    }

    /// Moves down one row, scrolling the scroll region when the cursor is at its bottom.
    mutating func lineFeed() {
        if cursorRow == scrollBottom {
            scrollUp(count: 1)
        } else if cursorRow < rows - 1 {
            cursorRow += 1
        }
    }

    mutating func scrollUp(count: Int) {
        let keepsHistory = !isAlternateActive && scrollTop == 0
        if !keepsHistory { preserveBeforeErasing(from: (scrollTop, 0), to: (scrollTop + count, 0)) }
        let departed = screens[active].scrollUp(top: scrollTop, bottom: scrollBottom, count: count)
        if keepsHistory {
            scrollback.append(contentsOf: departed)
            if scrollback.count > Self.maximumScrollback {
                scrollback.removeFirst(scrollback.count - Self.maximumScrollback)
            }
        }
    }

    private static func droppingTrailingBlankLines(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }
}
