extension VirtualScreen {
    /// Applies a CSI sequence: cursor moves, erases, scrolling, modes and status reports. Colours and everything
    /// else that does not change the text are ignored.
    mutating func controlSequence(_ sequence: ControlSequence) {
        if let marker = sequence.privateMarker {
            if marker == UInt8(ascii: "?"), sequence.intermediates.isEmpty { privateMode(sequence) }
            return
        }
        guard sequence.intermediates.isEmpty else { return }
        let count = sequence.parameter(0, default: 1)
        wrapPending = false
        switch UnicodeScalar(sequence.final) {
        case "A": cursorRow = max(cursorRow < scrollTop ? 0 : scrollTop, cursorRow - count)
        case "B", "e": cursorRow = min(cursorRow > scrollBottom ? rows - 1 : scrollBottom, cursorRow + count)
        case "C", "a": cursorColumn = min(columns - 1, cursorColumn + count)
        case "D": cursorColumn = max(0, cursorColumn - count)
        case "E": moveToLine(cursorRow + count)
        case "F": moveToLine(cursorRow - count)
        case "G", "`": cursorColumn = clampColumn(count - 1)
        case "d": cursorRow = clampRow(count - 1)
        case "H", "f":
            cursorRow = clampRow(sequence.parameter(0, default: 1) - 1)
            cursorColumn = clampColumn(sequence.parameter(1, default: 1) - 1)
        case "J": eraseInDisplay(mode: sequence.mode())
        case "K": eraseInLine(mode: sequence.mode())
        case "X":
            let end = min(columns, cursorColumn + count)
            preserveBeforeErasing(from: (cursorRow, cursorColumn), to: (cursorRow, end))
            screens[active].erase(from: (cursorRow, cursorColumn), to: (cursorRow, end))
        case "P":
            preserveBeforeErasing(from: (cursorRow, cursorColumn), to: (cursorRow, columns))
            screens[active].deleteCharacters(row: cursorRow, column: cursorColumn, count: count)
        case "@": screens[active].insertBlanks(row: cursorRow, column: cursorColumn, count: count)
        case "L": insertOrDeleteLines(count: count, inserting: true)
        case "M": insertOrDeleteLines(count: count, inserting: false)
        case "S": scrollUp(count: min(count, regionHeight))
        case "T":
            let count = min(count, regionHeight)
            preserveBeforeErasing(from: (scrollBottom + 1 - count, 0), to: (scrollBottom + 1, 0))
            screens[active].scrollDown(top: scrollTop, bottom: scrollBottom, count: count)
        case "r": setScrollRegion(sequence)
        case "s": savedCursor = (cursorRow, cursorColumn)
        case "u": (cursorRow, cursorColumn) = savedCursor
        case "n": deviceStatusReport(sequence.mode())
        default: break
        }
    }

    /// Applies `ESC <final>` sequences: save and restore the cursor, index, reverse index, next line, reset.
    mutating func escape(intermediates: [UInt8], final: UInt8) {
        guard intermediates.isEmpty else { return }  // charset designations such as ESC ( B
        switch UnicodeScalar(final) {
        case "7": savedCursor = (cursorRow, cursorColumn)
        case "8":
            (cursorRow, cursorColumn) = savedCursor
            wrapPending = false
        case "D": lineFeed()
        case "E":
            cursorColumn = 0
            lineFeed()
        case "M": reverseIndex()
        case "c": reset()
        default: break
        }
    }

    private mutating func privateMode(_ sequence: ControlSequence) {
        let final = UnicodeScalar(sequence.final)
        guard final == "h" || final == "l" else { return }
        for mode in sequence.parameters.compactMap({ $0 }) where [47, 1047, 1049].contains(mode) {
            final == "h" ? enterAlternateScreen(savingCursor: mode == 1049) : leaveAlternateScreen()
        }
    }

    private mutating func enterAlternateScreen(savingCursor: Bool) {
        guard !isAlternateActive else { return }
        if savingCursor { savedCursor = (cursorRow, cursorColumn) }
        active = 1
        screens[1] = TerminalGrid(rows: rows, columns: columns)
    }

    private mutating func leaveAlternateScreen() {
        guard isAlternateActive else { return }
        preserveWholeScreen()
        active = 0
        (cursorRow, cursorColumn) = savedCursor
    }

    private mutating func eraseInDisplay(mode: Int) {
        let cursor = (cursorRow, cursorColumn)
        switch mode {
        case 0:
            preserveBeforeErasing(from: cursor, to: (rows, 0))
            screens[active].erase(from: cursor, to: (rows, 0))
        case 1:
            preserveBeforeErasing(from: (0, 0), to: (cursorRow, cursorColumn + 1))
            screens[active].erase(from: (0, 0), to: (cursorRow, cursorColumn + 1))
        case 2, 3:
            preserveWholeScreen()
            screens[active].erase(from: (0, 0), to: (rows, 0))
        default:
            break
        }
    }

    private mutating func eraseInLine(mode: Int) {
        let range: (start: Int, end: Int)
        switch mode {
        case 0: range = (cursorColumn, columns)
        case 1: range = (0, cursorColumn + 1)
        case 2: range = (0, columns)
        default: return
        }
        preserveBeforeErasing(from: (cursorRow, range.start), to: (cursorRow, range.end))
        screens[active].erase(from: (cursorRow, range.start), to: (cursorRow, range.end))
    }

    private mutating func insertOrDeleteLines(count: Int, inserting: Bool) {
        guard cursorRow >= scrollTop, cursorRow <= scrollBottom else { return }
        let count = min(count, scrollBottom - cursorRow + 1)
        if inserting {
            preserveBeforeErasing(from: (scrollBottom + 1 - count, 0), to: (scrollBottom + 1, 0))
            screens[active].scrollDown(top: cursorRow, bottom: scrollBottom, count: count)
        } else {
            preserveBeforeErasing(from: (cursorRow, 0), to: (min(rows, cursorRow + count), 0))
            screens[active].scrollUp(top: cursorRow, bottom: scrollBottom, count: count)
        }
        cursorColumn = 0
    }

    private mutating func reverseIndex() {
        if cursorRow == scrollTop {
            preserveBeforeErasing(from: (scrollBottom, 0), to: (scrollBottom + 1, 0))
            screens[active].scrollDown(top: scrollTop, bottom: scrollBottom, count: 1)
        } else {
            cursorRow = max(0, cursorRow - 1)
        }
    }

    private mutating func setScrollRegion(_ sequence: ControlSequence) {
        let top = sequence.parameter(0, default: 1) - 1
        let bottom = sequence.parameter(1, default: rows) - 1
        guard top < bottom, bottom < rows else {
            (scrollTop, scrollBottom) = (0, rows - 1)
            return
        }
        (scrollTop, scrollBottom) = (top, bottom)
        (cursorRow, cursorColumn) = (0, 0)
    }

    private mutating func deviceStatusReport(_ request: Int) {
        switch request {
        case 5: replies.append(Array("\u{1B}[0n".utf8))
        case 6: replies.append(Array("\u{1B}[\(cursorRow + 1);\(cursorColumn + 1)R".utf8))
        default: break
        }
    }

    private mutating func reset() {
        preserveWholeScreen()
        screens = [TerminalGrid(rows: rows, columns: columns), TerminalGrid(rows: rows, columns: columns)]
        active = 0
        (cursorRow, cursorColumn, scrollTop, scrollBottom) = (0, 0, 0, rows - 1)
    }

    private mutating func moveToLine(_ row: Int) {
        cursorRow = clampRow(row)
        cursorColumn = 0
    }

    /// Rows in the scroll region: no count of scrolled, inserted or deleted rows can exceed it.
    private var regionHeight: Int { scrollBottom - scrollTop + 1 }

    private func clampRow(_ row: Int) -> Int { min(max(row, 0), rows - 1) }
    private func clampColumn(_ column: Int) -> Int { min(max(column, 0), columns - 1) }
}
