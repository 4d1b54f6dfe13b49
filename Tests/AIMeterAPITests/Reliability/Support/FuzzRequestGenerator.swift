import AIMeterCore
import AIMeterTestSupport
import Foundation

/// One made-up request and what the oracle needs to know about it.
struct FuzzRequest: Sendable {
    /// Method as sent.
    var method: String
    /// Path as sent (percent-encoded), without the query.
    var path: String
    /// Query as sent, without `?`; nil for none.
    var query: String?
    /// Header fields as sent.
    var headers: [(String, String)]
    /// Body as sent.
    var body: [UInt8]?

    /// Whether the request is not valid HTTP/1.1 (a control character in a header value, a
    /// request head over the HTTP parser's 80 KiB), so the HTTP layer refuses it.
    var isMalformedHTTP: Bool {
        let headBytes = headers.reduce(path.utf8.count + (query?.utf8.count ?? 0)) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 }
        let control = headers.contains { $0.1.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F } }
        return control || headBytes > 80 * 1024
    }

    /// The bytes on the wire.
    var bytes: [UInt8] {
        RawHTTP.request(method, path + (query.map { "?" + $0 } ?? ""), headers: headers, body: body)
    }

    /// A one-line description for failure messages (long parts cut).
    var summary: String {
        let target = (path + (query.map { "?" + $0 } ?? "")).prefix(160)
        let names = headers.map { "\($0.0)(\($0.1.utf8.count)B)" }.joined(separator: ",")
        let body = body.map { "body \($0.count)B: " + String(decoding: $0.prefix(60), as: UTF8.self) } ?? "no body"
        return "\(method) \(target) [\(names)] \(body)"
    }
}

/// Deterministic hostile requests over the registered routes: odd methods and paths, malformed
/// query values, garbage credentials, huge headers, and bodies that are not what a route reads.
struct FuzzRequestGenerator {
    var random: SplitMix64
    let catalog: RouteCatalog
    /// `name=value` pairs of valid session cookies (admin, normal), so handlers get past auth.
    let cookies: [String]
    let providerIds: [String]

    init(seed: UInt64, catalog: RouteCatalog, cookies: [String], providerIds: [String]) {
        random = SplitMix64(seed: seed)
        self.catalog = catalog
        self.cookies = cookies
        self.providerIds = providerIds
    }

    mutating func next() -> FuzzRequest {
        let route = random.pick(catalog.routes)
        let method = random.chance(85) ? route.method : random.pick(Self.methods)
        let path = random.chance(90) ? route.path { pathValue(for: $0) } : random.pick(Self.strangePaths)
        var headers = authHeaders() + extraHeaders()
        var body: [UInt8]?
        if method != "GET" && method != "HEAD" && random.chance(75) {
            let (contentType, bytes) = makeBody()
            if let contentType { headers.append(("Content-Type", contentType)) }
            body = bytes
        }
        return FuzzRequest(method: method, path: path, query: random.chance(70) ? makeQuery() : nil, headers: headers, body: body)
    }

    // MARK: Paths and queries

    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PROPFIND"]

    static let strangePaths = [
        "/", "/api", "/api/", "/api/health/", "//api//health", "/API/HEALTH", "/api/%2e%2e/metrics",
        "/api/providers//history", "/api/providers/x/history/extra", "/api/auth/admin", "/metrics/",
        "/api/proxy/latest;jsessionid=1", "/%00", "/api/%C3%A9", "/api/" + String(repeating: "a", count: 4000),
        "/api/providers/%2F/refresh", "/api/auth/%F0%9F%98%80/status", "/api/system/jobs/refresh/..",
    ]

    static let oddValues = [
        "", "%00", "..", "%2e%2e", "%2F", "-1", "0", "99999999999999999999", "%F0%9F%98%80", "%E2%80%AE",
        "%ff%fe", "ADMIN", "root", "normal%20", "%27%3B%20DROP%20TABLE%20poll%3B--", String(repeating: "x", count: 2000),
    ]

    mutating func pathValue(for name: String) -> String {
        if random.chance(50) {
            return name == "role" ? random.pick(["normal", "admin"]) : random.pick(providerIds)
        }
        return random.pick(Self.oddValues)
    }

    static let queryKeys = [
        "format", "days", "provider", "providers", "pretty", "timezone", "intervalMinutes", "bucketMinutes",
        "limit", "__proto__", "", "days[]", "format[x]",
    ]

    static let queryValues = [
        "", "0", "-1", "-99999999999999999999", "1e309", "99999999999999999999999", "NaN", "Infinity", "-Infinity",
        "0x7fffffffffffffff", "0.5", " 7 ", "12abc", "json", "xml", "csv", "markdown", "table", "prometheus", "JSON",
        "all", "claude,kimi", ",,,", "claude,,nope", "prov_claude", "Asia/Shanghai", "Invalid/Zone", "UTC+25",
        "../../etc/passwd", "true", "false", "1", "yes", "%", "%zz", "😀", "ü", "\u{202E}", "\u{0}", "[]", "{}", "a=b",
        String(repeating: "9", count: 400), String(repeating: "z", count: 9000),
    ]

    mutating func makeQuery() -> String {
        (0..<Int.random(in: 0...5, using: &random)).map { _ in
            let key = random.pick(Self.queryKeys)
            let value = random.pick(Self.queryValues)
            // Mostly encoded; sometimes raw bytes that are legal in a request target but odd.
            let encoded = random.chance(85) ? Self.encode(value) : random.pick(["%", "%zz", "%E2%82", "+", "[]", "a;b", "~!*'()"])
            return Self.encode(key) + (random.chance(90) ? "=" + encoded : "")
        }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    // MARK: Headers

    mutating func authHeaders() -> [(String, String)] {
        var headers: [(String, String)] = []
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1, 2: headers.append(("Cookie", random.pick(cookies)))
        case 3: headers.append(("Cookie", cookies.joined(separator: "; ")))
        case 4: headers.append(("Cookie", random.pick(Self.garbageCookies)))
        case 5: headers.append(("Authorization", random.pick(Self.garbageAuthorizations)))
        case 6:
            headers.append(
                (
                    "x-aimeter-endpoint-secret",
                    random.pick([TestEnvironment.endpointSecret, "wrong", "", "é", " " + TestEnvironment.endpointSecret + " "])
                ))
        case 7:
            headers.append(("x-aimeter-cron-secret", random.pick([TestEnvironment.cronSecret, "wrong", "", String(repeating: "c", count: 5000)])))
        default: break
        }
        if random.chance(20) { headers.append(("x-aimeter-role", random.pick(["admin", "normal", "root", "", "ADMIN"]))) }
        return headers
    }

    static let garbageCookies = [
        "aimeter_admin_session=", "aimeter_admin_session=abc.def", "aimeter_normal_session=%%%%",
        "aimeter_admin_session=" + String(repeating: "A", count: 8000),
        "aimeter_normal_session=eyJpYXQiOjEsImV4cCI6OTk5OTk5OTk5OTk5LCJub25jZSI6IngifQ.AAAA",
        String(repeating: "k=v; ", count: 1500), "=;=;;", "aimeter_admin_session=\"quoted\"",
    ]

    static let garbageAuthorizations = [
        "Bearer", "Bearer ", "Bearer " + String(repeating: "t", count: 6000), "Basic Zm9vOmJhcg==", "bearer x y z",
        "Token \u{7f}", "Bearer \(TestEnvironment.endpointSecret)",
    ]

    mutating func extraHeaders() -> [(String, String)] {
        var headers: [(String, String)] = []
        if random.chance(15) {
            headers.append(("If-None-Match", random.pick(["*", "W/\"0\"", "\"", ",,,", String(repeating: "W/\"x\",", count: 500)])))
        }
        if random.chance(10) { headers.append(("X-Forwarded-For", random.pick(["1.2.3.4", "garbage", "::1, ::1", "999.1.1.1", ""]))) }
        if random.chance(5) { headers.append(("Accept", random.pick(["*/*", "text/html", "application/xml;q=0"]))) }
        return headers
    }

    // MARK: Bodies

    static let contentTypes: [String?] = [
        "application/json", "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", nil, "application/jsonx",
    ]

    static let fieldNames = ["password", "targetRole", "oldPassword", "newPassword", "providerIds", "role", "which"]

    static let fieldValues = [
        #""admin""#, #""normal""#, "null", "true", "0", "-1", "1e999", "12345678901234567890123456789", "[]", "{}",
        #"["prov_claude",1,null,{"a":1}," "]"#, #""\u0000""#, #""\ud800""#, #""😀""#,
        #""\#(String(repeating: "p", count: 70_000))""#, #""short1""#, #""\#(TestEnvironment.normalPassword)""#,
    ]

    static let malformedJSON = [
        "{", #"{"password":"#, "[1,2", "nul", "{'a':1}", "\u{FEFF}{}", "{} x", #"{"a":1,}"#, "42", #""str""#, "true",
        "null", "[1e999999]", #"{"a":"\ud800"}"#, "{\"a\":\"\u{1}\"}", "NaN",
    ]

    mutating func makeBody() -> (String?, [UInt8]) {
        let contentType = random.pick(Self.contentTypes)
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return (contentType, [])
        case 1...6:
            let fields = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                #""\#(random.pick(Self.fieldNames))":\#(random.pick(Self.fieldValues))"#
            }
            return (contentType, Array(("{" + fields.joined(separator: ",") + "}").utf8))
        case 7...10: return (contentType, Array(random.pick(Self.malformedJSON).utf8))
        case 11: return (contentType, Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8))
        case 12: return (contentType, Array((String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)).utf8))
        case 13, 14: return (contentType, (0..<Int.random(in: 1...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 15: return ("application/json", [UInt8](repeating: UInt8(ascii: "["), count: (1 << 20) + 1))
        case 16:
            return (
                "application/json",
                Array(("[" + Array(repeating: #""\#(String(repeating: "q", count: 1000))""#, count: 900).joined(separator: ",") + "]").utf8)
            )
        default: return (contentType, Array(#"{"providerIds":[],"password":""}"#.utf8))
        }
    }
}
