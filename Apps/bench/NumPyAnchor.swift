import Foundation

/// Runs an anchor script (`numpy_anchor.py`, or `torch_anchor.py` with a Python that has torch) and
/// parses its `anchor <name…> <value> <unit>` lines.
struct NumPyAnchor {
    let scriptPath: String
    /// The Python to run it with: "python3" from the PATH, or a path (a venv's python for torch).
    var python = "python3"

    /// One anchor figure: the case name (everything between "anchor" and the value), the value and the unit.
    struct Figure {
        let name: String
        let value: Double
        let unit: String
    }

    /// The figures printed for `config`, or nil (with the reason on stderr) when python3/numpy or the script is missing.
    func run(config: String, batch: Int? = nil, repeats: Int) -> [Figure]? {
        guard FileManager.default.fileExists(atPath: scriptPath) else {
            printError("anchor skipped: \(scriptPath) not found (pass --anchor PATH)")
            return nil
        }
        var arguments = [scriptPath, "--config", config, "--reps", String(repeats)]
        if let batch { arguments += ["--batch", String(batch)] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            printError("anchor skipped: could not start \(python) (\(error))")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError(
                "anchor skipped: \((scriptPath as NSString).lastPathComponent) exited with status \(process.terminationStatus)"
            )
            return nil
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap(Self.parse)
    }

    /// Parses "anchor NAME… VALUE UNIT…": the value is the last number, the unit may have spaces ("s/200 epochs").
    static func parse(_ line: Substring) -> Figure? {
        let words = line.split(separator: " ").map(String.init)
        guard words.count >= 4, words[0] == "anchor",
            let valueIndex = words.indices.dropFirst(2).last(where: { Double(words[$0]) != nil }),
            let value = Double(words[valueIndex])
        else { return nil }
        return Figure(
            name: words[1..<valueIndex].joined(separator: " "), value: value,
            unit: words[(valueIndex + 1)...].joined(separator: " "))
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
