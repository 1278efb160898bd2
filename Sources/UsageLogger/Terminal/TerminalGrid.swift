/// The cells of one screen (the main or the alternate one): rows × columns of characters.
struct TerminalGrid {
    /// Marks the right half of a wide character; never rendered.
    static let continuation: Unicode.Scalar = "\u{0}"
    static let blank: Unicode.Scalar = " "

    let rows: Int
    let columns: Int
    private var cells: [Unicode.Scalar]

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: Self.blank, count: rows * columns)
    }

    subscript(row: Int, column: Int) -> Unicode.Scalar {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }

    /// Whether every cell from `start` to `end` (row-major, end exclusive) is blank. Positions off the screen
    /// are clamped to it: they come from a program's counts, which may be anything.
    func isBlank(from start: (row: Int, column: Int), to end: (row: Int, column: Int)) -> Bool {
        let range = cellRange(from: start, to: end)
        return range.isEmpty || cells[range].allSatisfy { $0 == Self.blank }
    }

    /// Blanks cells from `start` to `end` (row-major, end exclusive), clamped to the screen.
    mutating func erase(from start: (row: Int, column: Int), to end: (row: Int, column: Int)) {
        for index in cellRange(from: start, to: end) { cells[index] = Self.blank }
    }

    private func cellRange(from start: (row: Int, column: Int), to end: (row: Int, column: Int)) -> Range<Int> {
        let first = min(max(0, start.row * columns + start.column), cells.count)
        let last = min(max(0, end.row * columns + end.column), cells.count)
        return first..<max(first, last)
    }

    /// Moves rows `top...bottom` up by `count`, blanking the rows that open at the bottom.
    /// Returns the rows that left the top, for a scrollback.
    @discardableResult
    mutating func scrollUp(top: Int, bottom: Int, count: Int) -> [String] {
        let (top, bottom) = (max(0, top), min(rows - 1, bottom))
        let count = min(count, bottom - top + 1)
        guard count > 0 else { return [] }
        let departed = (top..<(top + count)).map(text(ofRow:))
        for row in top...bottom {
            let source = row + count
            for column in 0..<columns {
                self[row, column] = source <= bottom ? self[source, column] : Self.blank
            }
        }
        return departed
    }

    /// Moves rows `top...bottom` down by `count`, blanking the rows that open at the top.
    mutating func scrollDown(top: Int, bottom: Int, count: Int) {
        let (top, bottom) = (max(0, top), min(rows - 1, bottom))
        let count = min(count, bottom - top + 1)
        guard count > 0 else { return }
        for row in stride(from: bottom, through: top, by: -1) {
            let source = row - count
            for column in 0..<columns {
                self[row, column] = source >= top ? self[source, column] : Self.blank
            }
        }
    }

    /// Deletes `count` cells at the cursor, shifting the rest of the row left.
    mutating func deleteCharacters(row: Int, column: Int, count: Int) {
        guard (0..<rows).contains(row), (0..<columns).contains(column) else { return }
        for target in column..<columns {
            let source = target + count
            self[row, target] = source < columns ? self[row, source] : Self.blank
        }
    }

    /// Inserts `count` blank cells at the cursor, shifting the rest of the row right.
    mutating func insertBlanks(row: Int, column: Int, count: Int) {
        guard (0..<rows).contains(row), (0..<columns).contains(column) else { return }
        for target in stride(from: columns - 1, through: column, by: -1) {
            let source = target - count
            self[row, target] = source >= column ? self[row, source] : Self.blank
        }
    }

    /// One row as text, trailing blanks removed.
    func text(ofRow row: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingBlanks = 0
        for column in 0..<columns {
            let cell = self[row, column]
            if cell == Self.continuation { continue }
            if cell == Self.blank {
                pendingBlanks += 1
            } else {
                scalars.append(contentsOf: repeatElement(Self.blank, count: pendingBlanks))
                pendingBlanks = 0
                scalars.append(cell)
            }
        }
        return String(scalars)
    }

    func lines() -> [String] {
        (0..<rows).map(text(ofRow:))
    }
}
