/// The kind of upstream service a provider entry polls.
///
/// The first twelve cases are AIMeter's provider types (same raw values); the rest are
/// aimeter's own additions. Raw values are what appears in config files, API output and the
/// database, so they never change once shipped.
public enum ProviderType: String, Codable, Sendable, CaseIterable, Hashable {
    case aliyun, antigravity, claude, codex, kimi, minimax, zai, copilot, openrouter, ollama, opencode, cursor
    case gemini
    case deepseek
    case moonshot
    case acedata
    case codexProxy = "codex-proxy"
    case custom
    /// Built-in synthetic provider with deterministic moving quotas; needs no account.
    case demo

    /// AIMeter's own twelve types, in AIMeter's declaration order.
    public static let aimeterTypes: [ProviderType] = [
        .aliyun, .antigravity, .claude, .codex, .kimi, .minimax, .zai, .copilot, .openrouter, .ollama, .opencode,
        .cursor,
    ]

    /// Human-readable name used in tables and docs.
    public var displayName: String {
        switch self {
        case .aliyun: "Aliyun"
        case .antigravity: "Antigravity"
        case .claude: "Claude"
        case .codex: "Codex"
        case .kimi: "Kimi"
        case .minimax: "MiniMax"
        case .zai: "z.ai"
        case .copilot: "Copilot"
        case .openrouter: "OpenRouter"
        case .ollama: "Ollama"
        case .opencode: "OpenCode"
        case .cursor: "Cursor"
        case .gemini: "Gemini CLI"
        case .deepseek: "DeepSeek"
        case .moonshot: "Moonshot"
        case .acedata: "AceData"
        case .codexProxy: "codex-proxy"
        case .custom: "Custom"
        case .demo: "Demo"
        }
    }
}
