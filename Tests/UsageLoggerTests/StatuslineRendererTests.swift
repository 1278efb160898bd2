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
}
