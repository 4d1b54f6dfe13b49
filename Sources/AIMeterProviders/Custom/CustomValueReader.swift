import AIMeterCore
import Foundation

/// Typed reads of mapped paths from one answer of a `custom` provider.
///
/// A path that finds nothing (or finds `null` where a value is needed) throws
/// ``CustomValueReader/Missing`` so the caller can skip an optional item; a value of the wrong
/// type is a ``ProviderError/decoding(path:message:)`` naming the path.
struct CustomValueReader {
    /// A path found nothing usable.
    struct Missing: Error {
        var path: ResponsePath
        var detail: String

        /// The decoding error for a mapping that is not optional.
        var providerError: ProviderError {
            .decoding(path: path.description, message: "nothing found (\(detail))")
        }
    }

    let root: JSONValue

    /// The value at `path`; JSON `null` counts as found.
    func value(_ path: ResponsePath) throws(Missing) -> JSONValue {
        switch path.resolve(in: root) {
        case .found(let value):
            return value
        case .missing(let at, let reason):
            throw Missing(path: path, detail: at == path.description ? reason : "\(at): \(reason)")
        }
    }

    /// A number (numeric strings accepted); null is missing.
    func number(_ path: ResponsePath) throws -> Double {
        let found = try value(path)
        if found.isNull { throw Missing(path: path, detail: "the value is null") }
        guard let number = found.doubleValue else {
            throw ProviderError.decoding(path: path.description, message: "expected a number, found \(ResponsePath.kind(found))")
        }
        return number
    }

    /// A reset time in unix seconds: an ISO-8601 string, or epoch seconds or milliseconds
    /// (above 1e12). Null, 0 and negative values mean "no reset".
    func resetTime(_ path: ResponsePath) throws -> Int64? {
        let found = try value(path)
        if found.isNull { return nil }
        if case .string(let text) = found, let date = UpstreamTime.parse(text) {
            return UpstreamTime.unixSeconds(date)
        }
        guard let epoch = found.doubleValue else {
            throw ProviderError.decoding(path: path.description, message: "expected an ISO-8601 time or epoch seconds, found \(ResponsePath.kind(found))")
        }
        return epoch > 0 ? UpstreamTime.unixSeconds(UpstreamTime.fromEpoch(epoch)) : nil
    }

    /// A window length in minutes; null means unknown.
    func minutes(_ path: ResponsePath) throws -> Double? {
        let found = try value(path)
        if found.isNull { return nil }
        guard let minutes = found.doubleValue, minutes > 0 else {
            throw ProviderError.decoding(path: path.description, message: "expected a number of minutes greater than 0")
        }
        return minutes
    }

    /// A label: a string, or a number or boolean as text; null is no label.
    func label(_ path: ResponsePath) throws -> String? {
        let found = try value(path)
        switch found {
        case .null: return nil
        case .string(let text): return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
        case .number(let number): return JSNumber.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array, .object:
            throw ProviderError.decoding(path: path.description, message: "expected a string, found \(ResponsePath.kind(found))")
        }
    }
}
