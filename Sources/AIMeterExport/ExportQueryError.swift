import AIMeterCore

/// A rejected export query, with AIMeter's code, message and `details`.
public enum ExportQueryError: Error, Sendable, Equatable {
    /// `format` is not one of the accepted formats; `received` is trimmed and lower-cased.
    case invalidFormat(received: String)
    /// `pretty` is not `true`/`false`/`1`/`0`; `received` is the raw value.
    case invalidPretty(received: String)
    /// `timezone` names no known zone; `received` is trimmed.
    case invalidTimezone(received: String)
    /// `providers` has no item after splitting on commas; `received` is trimmed.
    case invalidProviders(received: String)
    /// `providers` names types that do not exist, in first-occurrence order.
    case unknownProvider(invalidProviders: [String])

    /// The HTTP status: always 400.
    public var status: Int { 400 }

    /// The error code, e.g. `INVALID_FORMAT`.
    public var code: String {
        switch self {
        case .invalidFormat: "INVALID_FORMAT"
        case .invalidPretty: "INVALID_PRETTY"
        case .invalidTimezone: "INVALID_TIMEZONE"
        case .invalidProviders: "INVALID_PROVIDERS"
        case .unknownProvider: "UNKNOWN_PROVIDER"
        }
    }

    /// The human-readable message.
    public var message: String {
        switch self {
        case .invalidFormat:
            // Lists all accepted formats, prometheus included (AIMeter lists its five).
            "format must be one of: " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalidPretty: "pretty must be a boolean value"
        case .invalidTimezone: "timezone must be a valid IANA timezone string"
        case .invalidProviders: #"providers must be "all" or a non-empty comma-separated provider list"#
        case .unknownProvider: "providers contains unsupported provider values"
        }
    }

    /// The `details` object.
    public var details: JSONValue {
        switch self {
        case .invalidFormat(let received), .invalidPretty(let received), .invalidTimezone(let received),
            .invalidProviders(let received):
            ["received": .string(received)]
        case .unknownProvider(let invalid):
            ["invalidProviders": .array(invalid.map { .string($0) })]
        }
    }

    /// The response body, pretty-printed as AIMeter sends every error of this route.
    public var responseBody: String {
        ExportErrorBody.render(code: code, message: message, details: details)
    }
}

/// Error bodies of the export route: `{"success":false,"error":{code,message,details?}}`, 2-space indent.
public enum ExportErrorBody {
    /// Renders an error body; use it for the route's `500 INTERNAL_ERROR` too.
    public static func render(code: String, message: String, details: JSONValue? = nil) -> String {
        var error = JSONObject()
        error["code"] = .string(code)
        error["message"] = .string(message)
        if let details { error["details"] = details }
        let body: JSONValue = ["success": false, "error": .object(error)]
        return body.serialized(pretty: true)
    }
}
