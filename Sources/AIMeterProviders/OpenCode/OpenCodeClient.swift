import AIMeterCore
import AIMeterHTTP
import Foundation

/// The requests OpenCode's web app makes: SolidStart server functions (`/_server`) and the
/// workspace's go page. Every answer is checked for a signed-out session first.
struct OpenCodeClient: Sendable {
    /// Server function listing the account's workspaces.
    static let workspaceServerId = "def39973159c7f0483d8793a822b8dbb10d067e12c65455fcb4608459ba0234f"
    /// Server function returning a workspace's subscription with its usage.
    static let subscriptionServerId = "7abeebee372f304e050aaaf92be863f4a86490e382f8c79db68fd94040d691b4"
    /// Older server function returning usage for a month.
    static let fallbackUsageServerId = "bbb1284bc5442ffc92d7d2ef43d0bae818b6a859d848d631e9fa8d26cf77b56c"
    /// The browser AIMeter impersonates.
    static let userAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36"
    static let serverAccept = "text/javascript, application/json;q=0.9, */*;q=0.8"
    static let pageAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    /// `https://opencode.ai` or the configured `baseUrl`.
    let origin: String
    /// The normalized `Cookie` header.
    let cookie: String
    let context: ProviderContext

    /// Calls a server function; GET puts `args` in the query, POST sends `body ?? args ?? []`.
    func serverText(
        _ serverId: String,
        method: String,
        args: [JSONValue] = [],
        body: JSONValue? = nil,
        accept: String = serverAccept,
        instance: String? = nil,
        referer: String
    ) async throws -> String {
        var url = "\(origin)/_server"
        if method == "GET" {
            url += "?id=\(Self.queryEncode(serverId))"
            if !args.isEmpty { url += "&args=\(Self.queryEncode(JSONValue.array(args).serialized()))" }
        }
        var headers: [(name: String, value: String)] = [
            ("Cookie", cookie), ("X-Server-Id", serverId), ("X-Server-Instance", instance ?? Self.serverInstance(now: context.now())),
            ("Accept", accept), ("User-Agent", Self.userAgent), ("Origin", origin), ("Referer", referer),
        ]
        var payload: Data?
        if method == "POST" {
            headers.append(("Content-Type", "application/json"))
            payload = Data((body ?? .array(args)).serialized().utf8)
        }
        let response = try await context.send(HTTPRequest(method: method, url: url, headers: headers, body: payload))
        return try checked(response, failure: "OpenCode API")
    }

    /// The workspace's go page (`/workspace/<id>/go`), which embeds the usage in its hydration data.
    func goPage(workspace: String) async throws -> String {
        let headers: [(name: String, value: String)] = [
            ("Cookie", cookie), ("Accept", Self.pageAccept), ("User-Agent", Self.userAgent), ("Referer", "\(origin)/go"),
            ("Origin", origin), ("Sec-Fetch-Dest", "document"), ("Sec-Fetch-Mode", "navigate"),
            ("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-User", "?1"),
        ]
        let request = HTTPRequest(url: "\(origin)/workspace/\(workspace)/go", headers: headers)
        return try checked(try await context.send(request), failure: "OpenCode go page")
    }

    /// The body of a usable answer, or the matching error.
    func checked(_ response: HTTPResponse, failure: String) throws -> String {
        let text = response.text
        if response.status == 401 || response.status == 403 || AgentUpstream.redirectsToSignIn(response)
            || OpenCodeSignedOut.isSignInPage(text)
        {
            throw ProviderError.authRequired("Invalid or expired OpenCode session")
        }
        guard response.isSuccess else {
            if response.status == 429 { throw UpstreamFailure.error(for: response, service: "OpenCode", now: context.now()) }
            throw ProviderError.upstreamStatus(status: response.status, bodyPrefix: Self.errorMessage(text).map { "\(failure): \($0)" } ?? failure)
        }
        return text
    }

    /// `message|error|detail` of a JSON error body, an HTML page's title, or the start of a
    /// plain-text body.
    static func errorMessage(_ text: String) -> String? {
        if let json = try? JSONValue.parse(text) {
            return ["message", "error", "detail"].lazy.compactMap { json[$0]?.nonEmptyString }.first.map { String($0.prefix(160)) }
        }
        if AgentPattern.looksLikeHTML(text) { return AgentPattern.firstCapture("<title>([^<]+)</title>", in: text) }
        let prefix = BodyPrefix.of(Data(text.utf8), limit: 160)
        return prefix.isEmpty ? nil : prefix
    }

    /// `server-fn:<epoch ms, base 36>-<8 random base-36 characters>` like the web app.
    static func serverInstance(now: Date) -> String {
        let millis = String(Int64(now.timeIntervalSince1970 * 1000), radix: 36)
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        let random = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
        return "server-fn:\(millis)-\(random)"
    }

    /// `URLSearchParams` encoding (letters, digits and `*-._` stay, everything else is escaped).
    static func queryEncode(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "*-._")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
