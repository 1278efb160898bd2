/// One source of samples in time order for `ReportLogReader`'s merge: a JSONL log's files (`LogStream`) or a
/// database table (`DatabaseStream`).
protocol SampleStream: AnyObject {
    /// The next sample and its time, or nil when the source is done.
    func next() throws(ReportReadError) -> (sample: ReportSample, time: Double)?
    var summary: ReadSummary { get }
}
