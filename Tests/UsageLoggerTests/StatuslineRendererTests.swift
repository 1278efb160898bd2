import Foundation
import Testing

@testable import UsageLogger

@Suite("Statusline rendering")
struct StatuslineRendererTests {
    static let now = Date(timeIntervalSince1970: 1_785_768_000)  // 5h limit resets 2h 20m later

    private func render(
        _ json: String, format: String = Setting.statuslineFormat.defaultValue, color: Bool = false,
        age: TimeInterval? = nil
    ) -> String {
        StatuslineRenderer(format: format, color: color, now: Self.now).render(
            StatuslineData(try? JSONParser.parse(json)), limitsAge: age)
    }

    @Test("the full sample: model, context, both limits with time to reset, cost")
    func sample() {
        #expect(
            render(Fixtures.text("statusline-input.json"))
                == "Sonnet 4.6 | ctx 22% | 5h 37% (2h20m) | 7d 18% (3d18h) | $1.87")
    }

    @Test("the real 2.1.330 input: null context, no rate_limits; those parts are left out, not zero")
    func realInput() {
        #expect(render(Fixtures.text("statusline-input-2.1.330-real.json")) == "Opus 5.5 | $0.00")
    }

    @Test("colours at 80% and 95%, none below", arguments: [(79.9, ""), (80, "\u{1B}[33m"), (95, "\u{1B}[31m")])
    func colours(percent: Double, code: String) {
        let line = render(#"{"context_window":{"used_percentage":\#(percent)}}"#, format: "{context}", color: true)
        #expect(code.isEmpty ? !line.contains("\u{1B}") : line.hasPrefix(code))
    }

    @Test("numbers sent as strings are read; nonsense percentages are unknown, never 100%")
    func lenient() {
        #expect(render(#"{"rate_limits":{"five_hour":{"used_percentage":"41.5"}}}"#, format: "{five_hour}") == "41%")
        #expect(render(#"{"rate_limits":{"five_hour":{"used_percentage":0.5}}}"#, format: "{five_hour}") == "0%")
        #expect(
            render(#"{"rate_limits":{"five_hour":{"used_percentage":250}}}"#, format: "5h {five_hour}") == "Claude Code"
        )
    }

    @Test("a reading from an earlier render says how old it is")
    func stale() {
        #expect(
            render(#"{"rate_limits":{"seven_day":{"used_percentage":12}}}"#, format: "{seven_day}", age: 300)
                == "12% (5m old)")
    }

    @Test(
        "custom formats pick and order parts",
        arguments: [
            ("{cost} · {model}", "$1.87 · Sonnet 4.6"),
            ("{version} | {session} | {cwd}", "2.1.214 | 78e0af6a | fix-login"),
            ("{nothing} | {model}", "Sonnet 4.6"),
        ])
    func formats(format: String, expected: String) {
        #expect(render(Fixtures.text("statusline-input.json"), format: format) == expected)
    }

    @Test("pace: points ahead of or behind the even pace (the share of the window elapsed), from this input alone")
    func pace() {
        // 5h: 2h40m of 5h elapsed = 53.3 %, 37.5 % used; 7d: 3d5h40m of 7d elapsed = 46.2 %, 18.4 % used.
        #expect(
            render(Fixtures.text("statusline-input.json"), format: "5h {five_hour_pace} | 7d {seven_day_pace}")
                == "5h 16 behind | 7d 28 behind")
    }

    @Test(
        "pace: ahead, on pace, behind; yellow only when 10 points or more ahead",
        arguments: [
            (70.0, false, "17 ahead"), (70.0, true, "\u{1B}[33m17 ahead\u{1B}[0m"), (58.0, true, "5 ahead"),
            (53.0, false, "on pace"), (12.0, false, "41 behind"),
        ])
    func paceWords(used: Double, color: Bool, expected: String) {
        let json = #"{"rate_limits":{"five_hour":{"used_percentage":\#(used),"resets_at":1785776400}}}"#
        #expect(render(json, format: "{five_hour_pace}", color: color) == expected)
    }

    @Test(
        "pace is left out when the reset is unknown, past, or further off than the window is long",
        arguments: [
            #"{"rate_limits":{"five_hour":{"used_percentage":40}}}"#,
            #"{"rate_limits":{"five_hour":{"used_percentage":40,"resets_at":1785767000}}}"#,
            #"{"rate_limits":{"five_hour":{"used_percentage":40,"resets_at":1785790000}}}"#,
            #"{"rate_limits":{"seven_day":{"used_percentage":40,"resets_at":1786093200}}}"#,
        ])
    func paceUnknown(json: String) {
        #expect(render(json, format: "{model} | 5h {five_hour_pace}") == "Claude Code")
    }

    @Test("pace of a reading from an earlier render is measured when it was read, not now")
    func paceOfStaleReading() {
        // Read 1h40m ago: 1h of 5h had elapsed then (20 %), 20 % used.
        let json = #"{"rate_limits":{"five_hour":{"used_percentage":20,"resets_at":1785776400}}}"#
        #expect(render(json, format: "{five_hour_pace}", age: 6000) == "on pace")
        #expect(render(json, format: "{five_hour_pace}") == "33 behind")
    }
}
