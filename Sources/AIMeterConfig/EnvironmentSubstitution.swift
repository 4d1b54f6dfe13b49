/// Expands `${NAME}` references in configuration strings from the process environment.
///
/// `$${` stands for a literal `${`; a `$` not followed by `{` is kept as written. Messages name
/// the variable but never quote the value, which may be a secret.
enum EnvironmentSubstitution {
    /// Why a string could not be expanded.
    enum Failure: Error, Equatable {
        case unset(String)
        case unterminated
        case invalidName(String)

        var message: String {
            switch self {
            case .unset(let name): "environment variable \(name) is not set (referenced as ${\(name)})"
            case .unterminated: "\"${\" without a closing \"}\" (write \"$${\" for a literal \"${\")"
            case .invalidName(let name):
                "\"${\(name)}\" is not a valid reference: names are letters, digits and _, not starting with a digit"
            }
        }
    }

    /// The text with every reference replaced, or the first failure.
    static func expand(_ text: String, environment: [String: String]) -> Result<String, Failure> {
        guard text.contains("$") else { return .success(text) }
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            if rest[afterDollar...].hasPrefix("${") {
                output += "${"
                rest = rest[rest.index(afterDollar, offsetBy: 2)...]
            } else if rest[afterDollar...].hasPrefix("{") {
                let nameStart = rest.index(after: afterDollar)
                guard let close = rest[nameStart...].firstIndex(of: "}") else { return .failure(.unterminated) }
                let name = String(rest[nameStart..<close])
                guard isValidName(name) else { return .failure(.invalidName(name)) }
                guard let value = environment[name] else { return .failure(.unset(name)) }
                output += value
                rest = rest[rest.index(after: close)...]
            } else {
                output += "$"
                rest = rest[afterDollar...]
            }
        }
        output += rest
        return .success(output)
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !(("0"..."9").contains(first)) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
    }
}
