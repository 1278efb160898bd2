/// One log directory the report reads, with the label its records carry (`--logs name=DIR`; the directory's own
/// name when several are given without one; empty when only one is read).
public struct LogSource: Sendable, Equatable {
    public var label: String
    public var path: String

    public init(label: String = "", path: String) {
        self.label = label
        self.path = path
    }
}
