import AIMeterControl
import AIMeterCore
import Foundation

/// Reading and checking operation parameters.
enum ControlParams {
    /// `providerIds` as a list, or nil for "all providers".
    ///
    /// - strict (`refresh`): absent or null means all; anything else must be an array of strings.
    /// - lenient (`jobs`, AIMeter's cron route): anything that is not an array means all; the
    ///   elements are stringified and trimmed, and empty ones dropped.
    static func providerIds(_ params: JSONObject, strict: Bool) throws(ControlProtocolError) -> [String]? {
        guard let value = params["providerIds"], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            if strict { throw ControlProtocolError(code: "INVALID_PARAMS", message: "\"providerIds\" must be an array of strings") }
            return nil
        }
        var ids: [String] = []
        for element in array {
            let text: String
            switch element {
            case .string(let string): text = string
            case .number(let number) where !strict: text = JSNumber.format(number)
            case .bool(let bool) where !strict: text = bool ? "true" : "false"
            default:
                if strict { throw ControlProtocolError(code: "INVALID_PARAMS", message: "\"providerIds\" must contain only strings") }
                continue
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !ids.contains(trimmed) { ids.append(trimmed) }
        }
        return ids
    }

    /// A required string parameter that must be one of `Choice`'s raw values.
    static func choice<Choice: RawRepresentable & CaseIterable>(
        _ params: JSONObject, key: String, of type: Choice.Type
    ) throws(ControlProtocolError) -> Choice where Choice.RawValue == String {
        let allowed = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard let raw = params[key]?.stringValue, let choice = Choice(rawValue: raw) else {
            throw ControlProtocolError(code: "INVALID_PARAMS", message: "\"\(key)\" must be one of \(allowed)")
        }
        return choice
    }
}
