import Foundation

/// Reads the API error JSON that `/usage` prints after `Failed to load usage data:`: as JSON when it is valid,
/// else by looking for `"type":"…_error"`, `"message":"…"` and `"error_code":"…"` in what is left of it.
enum UsageErrorBody {
    static func parse(_ body: String) -> UsageReport.LoadError {
        if let data = body.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            let error = object["error"] as? [String: Any] ?? object
            let details = error["details"] as? [String: Any]
            return UsageReport.LoadError(
                type: error["type"] as? String ?? object["type"] as? String, message: error["message"] as? String,
                code: details?["error_code"] as? String ?? error["error_code"] as? String)
        }
        let compact = body.replacingOccurrences(of: " ", with: "")
        let type = stringValues(for: "type", in: compact).first { $0.hasSuffix("_error") }
        let message = body.after("\"message\":").flatMap { quoted($0.trimmed) }
        let code = stringValues(for: "error_code", in: compact).first
        return UsageReport.LoadError(type: type, message: message, code: code)
    }

    private static func stringValues(for key: String, in text: String) -> [String] {
        text.components(separatedBy: "\"\(key)\":").dropFirst().compactMap { quoted($0) }
    }

    private static func quoted(_ text: String) -> String? {
        guard text.hasPrefix("\"") else { return nil }
        let inner = text.dropFirst()
        guard let end = inner.firstIndex(of: "\"") else { return inner.isEmpty ? nil : String(inner) }
        return String(inner[..<end])
    }
}
