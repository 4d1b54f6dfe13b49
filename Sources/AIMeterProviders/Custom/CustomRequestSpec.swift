import AIMeterCore
import Foundation

/// The request a `custom` provider sends: `options.url` (or `baseUrl` + `options.path`),
/// `method`, `body`, `headers` and where the credential goes (`authHeader`).
struct CustomRequestSpec: Sendable, Equatable {
    /// One configured header field.
    struct Header: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Scheme and host of `options.url` (replaced by `baseUrl` when set); empty with `options.path`.
    var defaultOrigin: String
    /// Path and query appended to the origin.
    var pathAndQuery: String
    /// `GET` or `POST`.
    var method = "GET"
    /// The POST body.
    var body: Data?
    /// Whether `body` came from a map or list (sent as JSON).
    var bodyIsJSON = false
    /// `options.headers`, in the order written.
    var headers: [Header] = []
    /// The header that carries the credential, when `options.authHeader` names one.
    var authHeader: String?

    static let methods = ["GET", "POST"]

    /// Reads the request options of `config`.
    static func read(_ config: ProviderConfig, reader: inout CustomOptionReader) -> CustomRequestSpec? {
        let options = config.options
        let before = reader.problems.count
        var spec = CustomRequestSpec(defaultOrigin: "", pathAndQuery: "")
        let url = reader.string(options["url"], at: "options.url")
        let path = reader.string(options["path"], at: "options.path")
        let hasBaseURL = config.baseURL?.trimmingCharacters(in: .whitespaces).isEmpty == false
        switch (url, path) {
        case (let url?, nil):
            if let (origin, rest) = splitURL(url) {
                spec.defaultOrigin = origin
                spec.pathAndQuery = rest
            } else {
                reader.problem("options.url", "must be an absolute http(s) URL")
            }
        case (nil, let path?):
            if !path.hasPrefix("/") { reader.problem("options.path", "must start with /") }
            if !hasBaseURL { reader.problem("options.path", "needs baseUrl (or use options.url)") }
            spec.pathAndQuery = path
        case (.some, .some):
            reader.problem("options.path", "use either options.url or baseUrl + options.path, not both")
        case (nil, nil):
            if options["url"] == nil && options["path"] == nil {
                reader.problem("options.url", "required (or set baseUrl and options.path)")
            }
        }
        if let method = reader.string(options["method"], at: "options.method") {
            if methods.contains(method.uppercased()) {
                spec.method = method.uppercased()
            } else {
                reader.problem("options.method", "must be GET or POST")
            }
        }
        readBody(options["body"], into: &spec, reader: &reader)
        readHeaders(options["headers"], into: &spec, reader: &reader)
        if let authHeader = reader.string(options["authHeader"], at: "options.authHeader") {
            if !isToken(authHeader) {
                reader.problem("options.authHeader", "must be a header name such as X-Api-Key")
            } else if config.credentials == nil {
                reader.problem("options.authHeader", "is set but the entry has no credentials")
            }
            spec.authHeader = authHeader
        }
        if let credentials = config.credentials, let header = spec.credentialHeader(for: credentials),
            let clash = spec.headers.first(where: { $0.name.caseInsensitiveCompare(header) == .orderedSame })
        {
            reader.problem("options.headers.\(clash.name)", "conflicts with the credential, which is sent in this header")
        }
        return reader.problems.count == before ? spec : nil
    }

    /// The header that carries `credentials`: `authHeader`, else `Cookie` for cookies, else `Authorization`.
    func credentialHeader(for credentials: Credentials) -> String? {
        if case .oauth = credentials { return nil }
        if let authHeader { return authHeader }
        if case .cookie = credentials { return "Cookie" }
        return "Authorization"
    }

    private static func readBody(_ value: JSONValue?, into spec: inout CustomRequestSpec, reader: inout CustomOptionReader) {
        guard let value else { return }
        switch value {
        case .string(let text):
            spec.body = Data(text.utf8)
        case .object, .array:
            spec.body = Data(value.serialized().utf8)
            spec.bodyIsJSON = true
        default:
            reader.problem("options.body", "must be a string, a map or a list")
        }
        if spec.method != "POST" {
            reader.problem("options.body", "needs method: POST")
        }
    }

    private static func readHeaders(_ value: JSONValue?, into spec: inout CustomRequestSpec, reader: inout CustomOptionReader) {
        guard let object = reader.object(value, at: "options.headers") else { return }
        for (name, value) in object.members {
            let keyPath = "options.headers.\(name)"
            guard isToken(name) else {
                reader.problem(keyPath, "is not a valid header name")
                continue
            }
            guard let text = value.stringValue else {
                reader.problem(keyPath, "must be a string")
                continue
            }
            guard !text.contains("\r"), !text.contains("\n") else {
                reader.problem(keyPath, "must not contain line breaks")
                continue
            }
            spec.headers.append(Header(name: name, value: text))
        }
    }

    /// `https://host:port` and the rest (`/path?query`), or nil when `url` is not absolute http(s).
    static func splitURL(_ url: String) -> (origin: String, rest: String)? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), let scheme = url.range(of: "://") else { return nil }
        let afterScheme = url[scheme.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? url.endIndex
        guard hostEnd > scheme.upperBound, !url[scheme.upperBound..<hostEnd].contains(where: \.isWhitespace) else { return nil }
        return (String(url[..<hostEnd]), String(url[hostEnd...]))
    }

    /// Whether `name` is an HTTP token (RFC 9110 §5.6.2).
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
        }
    }
}
