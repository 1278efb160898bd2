import Foundation

/// Lists live processes by looking at `ps`, to prove that a run left nothing behind.
enum ProcessTable {
    /// Processes (not zombies) whose command line contains `marker`.
    static func processes(containing marker: String) -> [String] {
        let ps = Process()
        ps.executableURL = URL(fileURLWithPath: "/bin/ps")
        ps.arguments = ["-eo", "pid=,stat=,args="]
        let pipe = Pipe()
        ps.standardOutput = pipe
        guard (try? ps.run()) != nil else { return ["ps could not run"] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        ps.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            return fields.count == 3 && !fields[1].hasPrefix("Z") && fields[2].contains(marker)
                && !fields[2].contains("ps -eo")
        }
    }

    /// Waits (bounded) until no live process mentions `marker`; returns those still there.
    static func survivors(of marker: String, withinMilliseconds limit: Int = 3_000) -> [String] {
        let deadline = ContinuousClock.now + .milliseconds(limit)
        var left = processes(containing: marker)
        while !left.isEmpty, ContinuousClock.now < deadline {
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(20))
            left = processes(containing: marker)
        }
        return left
    }
}
