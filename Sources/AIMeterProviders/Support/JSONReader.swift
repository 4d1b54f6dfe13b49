import AIMeterCore
import Foundation

/// A cursor into an upstream JSON document that remembers its path, so decoding errors say
/// exactly which field was wrong (`data.limits[0].usage: expected an array`).
///
/// Reading is lenient where AIMeter is lenient (a missing or mistyped number is simply
/// absent, numeric strings count as numbers) and strict where the shape itself is wrong
/// (``object()``, ``array()``).
public struct JSONReader: Sendable {
    /// The value at ``path``; nil when the member does not exist.
    public let value: JSONValue?
    /// Dotted path from the document root (`""` for the root, `a.b[2].c` below it).
    public let path: String

    /// Wraps `value` found at `path`.
    public init(_ value: JSONValue?, path: String = "") {
        self.value = value
        self.path = path
    }

    /// Parses an upstream body; invalid JSON becomes `.decoding(path: "", ...)`.
    public static func parse(_ body: Data) throws -> JSONReader {
        do {
            return JSONReader(try JSONValue.parse(body))
        } catch let error as JSONParseError {
            throw ProviderError.decoding(path: "", message: "body is not valid JSON (\(error.description))")
        } catch {
            throw ProviderError.decoding(path: "", message: "body is not valid JSON")
        }
    }

    /// The member `key` (missing when this is not an object).
    public subscript(key: String) -> JSONReader {
        JSONReader(value?[key], path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The element at `index` (missing when out of range or not an array).
    public subscript(index: Int) -> JSONReader {
        JSONReader(value?[index], path: "\(path)[\(index)]")
    }

    /// Whether the value is absent or JSON `null`.
    public var isMissing: Bool { value == nil || value?.isNull == true }

    /// A number, or a string holding one; nil otherwise.
    public var number: Double? { value?.doubleValue }
    /// A string; nil otherwise.
    public var string: String? { value?.stringValue }
    /// A trimmed non-empty string; nil otherwise.
    public var nonEmptyString: String? { value?.nonEmptyString }
    /// A boolean; nil otherwise.
    public var bool: Bool? { value?.boolValue }

    /// Whether the value is a JSON number (not a numeric string).
    public var isNumber: Bool {
        if case .number? = value { return true }
        return false
    }

    /// The object's members; throws when the value is missing or not an object.
    public func object() throws -> JSONObject {
        guard let object = value?.objectValue else { throw typeError(expected: "an object") }
        return object
    }

    /// The object's members, nil when missing or null; throws for any other type.
    public func optionalObject() throws -> JSONObject? {
        if isMissing { return nil }
        return try object()
    }

    /// The members as readers, in document order; throws when not an object.
    public func members() throws -> [(key: String, value: JSONReader)] {
        try object().members.map { (key: $0.key, value: self[$0.key]) }
    }

    /// The elements as readers; throws when the value is missing or not an array.
    public func array() throws -> [JSONReader] {
        guard let array = value?.arrayValue else { throw typeError(expected: "an array") }
        return array.indices.map { self[$0] }
    }

    /// The elements, nil when missing or null; throws for any other type.
    public func optionalArray() throws -> [JSONReader]? {
        if isMissing { return nil }
        return try array()
    }

    /// A decoding error at this path.
    public func typeError(expected: String) -> ProviderError {
        let found: String
        switch value {
        case nil: found = "missing"
        case .null?: found = "null"
        case .bool?: found = "a boolean"
        case .number?: found = "a number"
        case .string?: found = "a string"
        case .array?: found = "an array"
        case .object?: found = "an object"
        }
        return .decoding(path: path, message: "expected \(expected), found \(found)")
    }
}
