/// A `N% used` (or `N% left`, `N% remaining`) reading found in a line, spaces optional: `██▌42%used` counts.
/// Other percentages on the screen (a status line's own `N%`) are not readings.
public struct UsagePercent: Equatable, Sendable {
    public enum Display: String, Sendable { case used, left, remaining }

    /// The number as shown.
    let shown: Double
    let display: Display
    /// Where the number starts and where the word ends, as character offsets in the line.
    let start: Int
    let end: Int

    /// Percent used, whatever the display said.
    var used: Double { display == .used ? shown : 100 - shown }

    static func find(in text: String) -> UsagePercent? {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber,
                index == 0 || !(characters[index - 1].isASCII && characters[index - 1].isNumber)
            else {
                index += 1
                continue
            }
            if let match = match(characters, at: index) { return match }
            index += 1
        }
        return nil
    }

    private static func match(_ characters: [Character], at start: Int) -> UsagePercent? {
        var index = start
        while index < characters.count, characters[index].isASCII,
            characters[index].isNumber || characters[index] == "."
        {
            index += 1
        }
        guard index - start <= 8, let value = Double(String(characters[start..<index])) else { return nil }
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index < characters.count, characters[index] == "%" else { return nil }
        index += 1
        while index < characters.count, characters[index] == " " { index += 1 }
        let rest = String(characters[index..<min(characters.count, index + 9)]).lowercased()
        for display in [Display.used, .left, .remaining] where rest.hasPrefix(display.rawValue) {
            return UsagePercent(shown: value, display: display, start: start, end: index + display.rawValue.count)
        }
        return nil
    }
}
