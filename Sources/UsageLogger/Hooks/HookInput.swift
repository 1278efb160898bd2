/// The JSON object Claude Code gives a hook command on stdin (2.1.330: `session_id`, `transcript_path`, `cwd`,
/// `hook_event_name`, and per event `source`, `error`, `last_assistant_message`, `reason`). Any field may be
/// missing; a value of the wrong type is treated as missing.
public struct HookInput: Sendable, Equatable {
    /// The events `usage-logger hook` acts on; others are accepted and ignored.
    public enum Event: String, Sendable {
        case sessionStart = "SessionStart"
        case stopFailure = "StopFailure"
        case sessionEnd = "SessionEnd"
    }

    public var eventName: String?
    public var sessionID: String?
    public var transcriptPath: String?
    public var cwd: String?
    /// `SessionStart`: `startup`, `resume`, `clear` or `compact`.
    public var source: String?
    /// `StopFailure`: `rate_limit`, `authentication_failed`, `server_error`, `unknown`, …
    public var error: String?
    /// `StopFailure`: the message Claude Code showed, e.g. `API Error: Request rejected (429) · …`.
    public var lastAssistantMessage: String?
    /// `SessionEnd`: `clear`, `logout`, `prompt_input_exit`, `other`, …
    public var reason: String?

    public init(_ json: JSONValue?) {
        guard let json else { return }
        eventName = json["hook_event_name"]?.stringValue
        sessionID = json["session_id"]?.stringValue
        transcriptPath = json["transcript_path"]?.stringValue
        cwd = json["cwd"]?.stringValue
        source = json["source"]?.stringValue
        error = json["error"]?.stringValue
        lastAssistantMessage = json["last_assistant_message"]?.stringValue
        reason = json["reason"]?.stringValue
    }

    public var event: Event? { eventName.flatMap(Event.init(rawValue:)) }
}
