import AIMeterCore

/// Builder for the Prometheus text exposition format 0.0.4: gauge families, each with one
/// `# HELP` and one `# TYPE` line, emitted in declaration order, empty families left out.
struct PrometheusText {
    struct Family {
        let name: String
        let help: String
        var samples: [String] = []
    }

    private var families: [Family] = []
    private var indexByName: [String: Int] = [:]

    /// Declares a gauge family; the output order is the declaration order.
    mutating func declare(_ name: String, help: String) {
        indexByName[name] = families.count
        families.append(Family(name: name, help: help))
    }

    /// Adds one sample to a declared family; labels keep the given order.
    mutating func add(_ name: String, _ labels: [(name: String, value: String)], _ value: Double) {
        guard let index = indexByName[name] else { return }
        let labelText = labels.map { "\($0.name)=\"\(Self.escapeLabelValue($0.value))\"" }.joined(separator: ",")
        let series = labels.isEmpty ? name : "\(name){\(labelText)}"
        families[index].samples.append("\(series) \(Self.format(value))")
    }

    /// The exposition text; every line ends with `\n`.
    var text: String {
        var output = ""
        for family in families where !family.samples.isEmpty {
            output += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
            output += "# TYPE \(family.name) gauge\n"
            for sample in family.samples { output += sample + "\n" }
        }
        return output
    }

    /// Label values escape `\`, `"` and line feed.
    static func escapeLabelValue(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// HELP text escapes `\` and line feed.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Sample values: shortest round-trip decimal, `NaN`, `+Inf`, `-Inf`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return JSNumber.format(value)
    }
}
