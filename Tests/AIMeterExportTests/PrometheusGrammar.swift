/// A strict checker of the Prometheus text exposition format 0.0.4, for environments without promtool.
enum PrometheusGrammar {
    /// Problems found in `text`; empty when it is valid and well ordered.
    static func problems(in text: String) -> [String] {
        let help = /# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) ((?:[^\\\n]|\\[\\n])*)/
        let type = /# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)/
        let sample =
            /([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*)\})? (NaN|[+-]Inf|[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(?: -?[0-9]+)?/
        let labelName = /([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\\n]|\\[\\"n])*"/
        var problems: [String] = []
        guard text.hasSuffix("\n") else { return ["missing final newline"] }
        var seenFamilies: Set<String> = []
        var seenSeries: Set<String> = []
        var current: String?
        var pendingHelp: String?
        for (number, line) in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            if let match = line.wholeMatch(of: help) {
                let name = String(match.1)
                if seenFamilies.contains(name) { problems.append("line \(number + 1): second HELP for \(name)") }
                pendingHelp = name
            } else if let match = line.wholeMatch(of: type) {
                let name = String(match.1)
                if pendingHelp != name { problems.append("line \(number + 1): TYPE \(name) not right after its HELP") }
                if !seenFamilies.insert(name).inserted { problems.append("line \(number + 1): second TYPE for \(name)") }
                current = name
                pendingHelp = nil
            } else if let match = line.wholeMatch(of: sample) {
                let name = String(match.1)
                if name != current { problems.append("line \(number + 1): sample \(name) outside its family") }
                let labels = match.2.map { String($0) } ?? ""
                let names = labels.matches(of: labelName).map { String($0.1) }
                if Set(names).count != names.count { problems.append("line \(number + 1): repeated label name") }
                if !seenSeries.insert(name + "{" + labels + "}").inserted { problems.append("line \(number + 1): duplicate series") }
            } else {
                problems.append("line \(number + 1): not exposition format: \(line)")
            }
        }
        return problems
    }
}
