/// Text made safe to put in the page: window names, messages and versions come from logs and may hold `<`, `&`
/// or quotes. One escape serves element text and attribute values alike, in HTML and in inline SVG (XML).
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
