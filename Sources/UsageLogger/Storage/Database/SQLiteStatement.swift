import CSQLite

/// A prepared statement, reused for every row: bind, step, read columns, reset. Finalised when released; its
/// connection lives at least as long.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection

    init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds `values` to the parameters in order, after a reset; nil binds NULL.
    func bind(_ values: [SQLiteValue?]) throws(DatabaseError) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case nil: code = sqlite3_bind_null(statement, index)
            case .integer(let number)?: code = sqlite3_bind_int64(statement, index, number)
            case .real(let number)?: code = sqlite3_bind_double(statement, index, number)
            case .text(let text)?: code = sqlite3_bind_text(statement, index, text, -1, CSQLiteTransient)
            }
            guard code == SQLITE_OK else { throw connection.error(code, operation: "bind a value") }
        }
    }

    /// Runs the statement to its next row: true when there is one, false when it is done.
    @discardableResult
    func step() throws(DatabaseError) -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code, operation: "run a query")
        }
    }

    /// Ends a run part-way (a query read for its first row), so it no longer holds the connection's transaction.
    func reset() { sqlite3_reset(statement) }

    /// Binds `values` and runs the statement to its end (an insert).
    func run(_ values: [SQLiteValue?]) throws(DatabaseError) {
        try bind(values)
        while try step() {}
    }

    /// Rows the last insert, update or delete changed.
    var changes: Int { Int(sqlite3_changes(connection.handle)) }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func real(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: pointer)
    }

    /// The column's text as bytes, without a copy: valid until the next step, reset or release.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(statement, column) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
