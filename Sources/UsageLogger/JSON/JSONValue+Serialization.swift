extension JSONValue {
    /// Compact JSON on one line, the form written to `.jsonl` files.
    public func serialized() -> String {
        var output = ""
        write(to: &output, indent: nil, depth: 0)
        return output
    }

    /// Indented JSON for people (`--pretty`); `depth` indents it as a value nested that deep, for a document
    /// written a part at a time.
    public func prettySerialized(depth: Int = 0) -> String {
        var output = ""
        write(to: &output, indent: "  ", depth: depth)
        return output
    }

    private func write(to output: inout String, indent: String?, depth: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += value.isFinite ? String(value) : "null"
        case .string(let value): JSONValue.writeEscaped(value, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                JSONValue.writeSeparator(first: index == 0, to: &output, indent: indent, depth: depth)
                value.write(to: &output, indent: indent, depth: depth + 1)
            }
            JSONValue.writeClosing("]", empty: values.isEmpty, to: &output, indent: indent, depth: depth)
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                JSONValue.writeSeparator(first: index == 0, to: &output, indent: indent, depth: depth)
                JSONValue.writeEscaped(key, to: &output)
                output += indent == nil ? ":" : ": "
                value.write(to: &output, indent: indent, depth: depth + 1)
            }
            JSONValue.writeClosing("}", empty: members.isEmpty, to: &output, indent: indent, depth: depth)
        }
    }

    private static func writeSeparator(first: Bool, to output: inout String, indent: String?, depth: Int) {
        if !first { output += "," }
        if let indent { output += "\n" + String(repeating: indent, count: depth + 1) }
    }

    private static func writeClosing(
        _ bracket: String, empty: Bool, to output: inout String, indent: String?, depth: Int
    ) {
        if let indent, !empty { output += "\n" + String(repeating: indent, count: depth) }
        output += bracket
    }

    private static func writeEscaped(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
