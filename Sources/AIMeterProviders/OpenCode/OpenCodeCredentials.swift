import AIMeterCore
import Foundation

/// Reading the OpenCode cookie and workspace id the way AIMeter does.
enum OpenCodeCredentials {
    /// The `Cookie` header for a configured value: a full header (has `;`, or starts with
    /// `auth=` / `__Host-auth=`) is used as is, a bare value becomes `auth=<value>`.
    static func cookieHeader(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let lower = trimmed.lowercased()
        if trimmed.contains(";") || lower.hasPrefix("auth=") || lower.hasPrefix("__host-auth=") { return trimmed }
        return "auth=\(trimmed)"
    }

    /// A configured workspace: a value starting with `wrk_` as is, else the first `wrk_…` inside
    /// it (a pasted URL).
    static func configuredWorkspaceId(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("wrk_") { return trimmed }
        return AgentPattern.firstCapture("(wrk_[A-Za-z0-9]+)", in: trimmed, options: [])
    }

    /// The workspace id in a server-function answer: `id:"wrk_…"` in seroval text, else the
    /// first `wrk_…` string of a JSON document in depth-first order.
    static func workspaceId(inServerText text: String) -> String? {
        if let direct = AgentPattern.firstCapture(#"id\s*:\s*"?(wrk_[A-Za-z0-9]+)"?"#, in: text, options: []) {
            return direct
        }
        guard let json = try? JSONValue.parse(text) else { return nil }
        return firstWorkspaceString(in: json)
    }

    private static func firstWorkspaceString(in value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            return AgentPattern.matches("^wrk_[A-Za-z0-9]+$", in: text, options: []) ? text : nil
        case .array(let elements):
            return elements.lazy.compactMap(firstWorkspaceString(in:)).first
        case .object(let object):
            return object.members.lazy.compactMap { firstWorkspaceString(in: $0.value) }.first
        default:
            return nil
        }
    }
}
