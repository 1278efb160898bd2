#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input for a command we run (a chained statusLine, an alert): a temporary file rather than a pipe.
enum UnlinkedInput {
    /// A file holding `bytes`, already removed from its directory, positioned at its start: the child's stdin.
    /// A file rather than a pipe: a command that never reads its input can neither block us nor end us with
    /// SIGPIPE.
    static func descriptor(holding bytes: [UInt8], in temporaryDirectory: String?) -> Int32? {
        let directory = temporaryDirectory.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/usage-logger-input-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        guard (try? SystemCall.writeAll(descriptor, bytes)) != nil, lseek(descriptor, 0, SEEK_SET) == 0 else {
            SystemCall.closeQuietly(descriptor)
            return nil
        }
        _ = try? SystemCall.setCloseOnExec(descriptor)
        return descriptor
    }
}
