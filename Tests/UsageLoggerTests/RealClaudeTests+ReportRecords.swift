import Foundation
import Testing

@testable import UsageLogger

extension RealClaudeTests {
    /// Every key path of a JSON value (`usage_data.windows[].name`), to compare shapes, not values.
    private func shape(_ value: JSONValue, _ path: String = "") -> Set<String> {
        switch value {
        case .object(let members):
            return members.reduce(into: [path]) { $0.formUnion(shape($1.1, path + "." + $1.0)) }
        case .array(let items):
            return items.reduce(into: [path + "[]"]) { $0.formUnion(shape($1, path + "[]")) }
        default:
            return [path]
        }
    }

    /// The report's realistic month (`RealisticMonth`) is made of records the real Claude Code produced through the
    /// fake API; this keeps them honest: a record made now by the release under test has the same shape.
    @Test("the report's month is built from records of the shape the real Claude Code gives today")
    func reportTemplatesStayReal() throws {
        try RealClaude.withFakeAPI { api in
            try RealClaude.withSandbox { sandbox in
                var environment = sandbox.environment.merging(api) { $1 }
                environment["PET_USAGE_LOGGING_ENABLED"] = "true"
                environment["PET_LOG_DIR"] = sandbox.home + "/logs"
                let (code, output) = runCLI(["once", "usage"], environment: environment)
                #expect(code == .success, "\(output.standardError)")
                let made = try #require(logRecords(sandbox.home + "/logs/usage.jsonl").first)
                let template = try JSONParser.parse(
                    Array(Fixtures.text("report/real-usage-2.1.332.jsonl").split(separator: "\n")[0].utf8))
                #expect(shape(made) == shape(template))
                #expect(made["usage_data"]?["windows"]?.arrayValue?.count == 2)
            }
        }
    }
}
