import Foundation

/// `application/x-www-form-urlencoded` bodies and URL query components.
public enum FormEncoding {
    /// Characters left as they are (RFC 3986 unreserved); everything else is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `value` percent-encoded for a form field or a query component.
    public static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// `name=value&...` in the given order.
    public static func encode(_ fields: [(name: String, value: String)]) -> String {
        fields.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&")
    }

    /// ``encode(_:)`` as UTF-8 bytes for a request body.
    public static func body(_ fields: [(name: String, value: String)]) -> Data {
        Data(encode(fields).utf8)
    }
}
