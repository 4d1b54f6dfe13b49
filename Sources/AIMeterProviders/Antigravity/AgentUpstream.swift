import AIMeterCore
import AIMeterHTTP
import Foundation

/// Response checks shared by the cookie-based agent adapters (OpenCode, Ollama).
enum AgentUpstream {
    /// Whether a 3xx answer sends the browser to a sign-in page (a signed-out session).
    static func redirectsToSignIn(_ response: HTTPResponse) -> Bool {
        guard (300..<400).contains(response.status), let location = response.header("Location")?.lowercased() else {
            return false
        }
        return ["signin", "sign-in", "login", "authorize", "/auth"].contains { location.contains($0) }
    }
}
