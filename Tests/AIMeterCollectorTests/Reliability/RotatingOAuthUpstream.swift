import AIMeterTestSupport
import Foundation
import Synchronization

/// A Codex-shaped OAuth upstream whose refresh token rotates on every refresh, for crash tests.
///
/// Tokens are `rt-<provider>-<n>` / `at-<provider>-<n>`; each refresh issues n + 1 with a
/// 60-second lifetime, shorter than the adapters' 5-minute proactive window, so every poll
/// refreshes. The collector stores a rotated token before it uses it, so an access token seen at
/// the usage route means its refresh token was committed: it is *acknowledged*. A later refresh
/// presenting an older refresh token means the collector lost one; it is refused
/// (`invalid_grant`) and counted in ``lostRefreshes``.
final class RotatingOAuthUpstream: Sendable {
    private struct State {
        var issued: [String: Int] = [:]
        var acknowledged: [String: Int] = [:]
        var lostRefreshes = 0
    }

    static let usageBody = #"""
        {"plan_type":"plus","rate_limit":{"allowed":true,"limit_reached":false,
        "primary_window":{"used_percent":17,"limit_window_seconds":18000,"reset_after_seconds":10000}}}
        """#

    let mock: MockUpstream
    private let state = Mutex(State())

    private init(mock: MockUpstream) {
        self.mock = mock
    }

    /// Starts the upstream.
    static func start() async throws -> RotatingOAuthUpstream {
        let upstream = RotatingOAuthUpstream(mock: try await MockUpstream.start())
        upstream.mock.route("POST", "/oauth/token") { request in upstream.refresh(request) }
        upstream.mock.route("GET", "/backend-api/wham/usage") { request in upstream.usage(request) }
        return upstream
    }

    /// The configuration entry of a rotating provider whose chain starts at `rt-<id>-0`.
    func providerYAML(id: String) -> String {
        "  - { id: \(id), provider: codex, refreshInterval: 1, baseUrl: \"\(mock.baseURL)\", "
            + "credentials: { type: oauth, accessToken: at-\(id)-0, refreshToken: rt-\(id)-0, expiresAt: 1000000000 } }"
    }

    /// The highest token number the collector has used, per provider.
    var acknowledged: [String: Int] { state.withLock { $0.acknowledged } }

    /// Refreshes refused because the presented refresh token was older than an acknowledged one.
    var lostRefreshes: Int { state.withLock { $0.lostRefreshes } }

    /// `("rot-1", 7)` for `rt-rot-1-7` or `at-rot-1-7`.
    static func parse(_ token: String) -> (provider: String, number: Int)? {
        guard token.count > 3, let dash = token.lastIndex(of: "-"), let number = Int(token[token.index(after: dash)...]) else {
            return nil
        }
        return (String(token[token.index(token.startIndex, offsetBy: 3)..<dash]), number)
    }

    private func refresh(_ request: RecordedRequest) -> MockResponse {
        guard let (provider, presented) = Self.parse(request.formFields["refresh_token"] ?? "") else {
            return .json(#"{"error":"invalid_request"}"#, status: 400)
        }
        let issued = state.withLock { state -> Int? in
            if presented < state.acknowledged[provider, default: 0] {
                state.lostRefreshes += 1
                return nil
            }
            let next = max(state.issued[provider, default: 0], presented) + 1
            state.issued[provider] = next
            return next
        }
        guard let issued else { return .json(#"{"error":"invalid_grant"}"#, status: 400) }
        return .json(
            #"{"access_token":"at-\#(provider)-\#(issued)","refresh_token":"rt-\#(provider)-\#(issued)","expires_in":60}"#)
    }

    private func usage(_ request: RecordedRequest) -> MockResponse {
        let token = request.header("Authorization")?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
        guard let (provider, number) = Self.parse(token) else { return .unauthorized() }
        state.withLock { $0.acknowledged[provider] = max($0.acknowledged[provider, default: 0], number) }
        return .json(Self.usageBody)
    }
}
