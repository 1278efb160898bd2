/// A unified diff of two small texts (`--dry-run`): `---`/`+++` headers, then hunks of changed lines with up to
/// three lines of context, in the form `diff -u` prints and people read. Longest common subsequence over lines:
/// quadratic, which is fine for a settings file of a few hundred lines.
enum TextDiff {
    static func unified(from old: String, to new: String, oldName: String, newName: String, context: Int = 3)
        -> String
    {
        let a = lines(of: old)
        let b = lines(of: new)
        let script = edits(a, b)
        guard script.contains(where: { $0.kind != " " }) else { return "" }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < script.count {
            guard let start = script[index...].firstIndex(where: { $0.kind != " " }) else { break }
            // A hunk runs until more than 2 × context unchanged lines separate two changes.
            var end = start
            var cursor = start
            while cursor < script.count {
                if script[cursor].kind != " " {
                    end = cursor
                } else if cursor - end > 2 * context {
                    break
                }
                cursor += 1
            }
            let from = max(index, start - context)
            let to = min(script.count, end + context + 1)
            let slice = script[from..<to]
            let oldStart = (script[..<from].filter { $0.kind != "+" }.count) + 1
            let newStart = (script[..<from].filter { $0.kind != "-" }.count) + 1
            let oldCount = slice.filter { $0.kind != "+" }.count
            let newCount = slice.filter { $0.kind != "-" }.count
            // A side with no lines starts at 0, as diff writes it (`@@ -0,0 +1,41 @@` for a new file).
            output +=
                "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) "
                + "+\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for edit in slice { output += "\(edit.kind)\(edit.line)\n" }
            index = to
        }
        return output
    }

    private struct Edit {
        let kind: Character
        let line: Substring
    }

    private static func lines(of text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The edit script from `a` to `b`: kept (" "), removed ("-") and added ("+") lines in order.
    private static func edits(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var script: [Edit] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append(Edit(kind: " ", line: a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                script.append(Edit(kind: "-", line: a[i]))
                i += 1
            } else {
                script.append(Edit(kind: "+", line: b[j]))
                j += 1
            }
        }
        return script
    }
}
