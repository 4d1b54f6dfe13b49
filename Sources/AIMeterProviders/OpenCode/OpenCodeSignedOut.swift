import Foundation

/// Whether an OpenCode answer is a sign-in page.
///
/// Differs from AIMeter on purpose: AIMeter treated any body containing "sign in", "login" or
/// "auth/authorize" as signed out, including JSON payloads that merely mention a login. Here
/// only an HTML page without usage data counts, and only when it has a sign-in marker: a link to
/// the OpenCode authorize endpoint, a login form, or a title or heading asking to sign in.
enum OpenCodeSignedOut {
    /// Whether `text` is a signed-out HTML page.
    static func isSignInPage(_ text: String) -> Bool {
        guard AgentPattern.looksLikeHTML(text) else { return false }
        if AgentPattern.matches("(rollingUsage|weeklyUsage)[^}]*usagePercent", in: text) { return false }
        let lower = text.lowercased()
        let authLinks = ["auth.opencode.ai/authorize", "/auth/authorize", "action=\"/login\"", "href=\"/login\"", "href=\"/auth\""]
        if authLinks.contains(where: lower.contains) { return true }
        let prompt = #"(sign|log)[ -]?in"#
        return AgentPattern.matches("<title[^>]*>[^<]*\(prompt)", in: text)
            || AgentPattern.matches("<h[12][^>]*>[^<]*\(prompt)", in: text)
    }
}
