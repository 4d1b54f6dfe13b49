import AIMeterCore
import Foundation

/// A provider that needs no account: deterministic, realistic quotas that rise through each
/// window and reset at its end, so a fresh install shows moving numbers at once.
///
/// Values depend only on the provider id and the time, so two processes (or a test) computing
/// them for the same instant agree exactly.
public struct DemoAdapter: ProviderAdapter {
    public let type = ProviderType.demo

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems: [String] = []
        if let profile = config.options["profile"] {
            if profile.stringValue.flatMap(DemoProfile.init(rawValue:)) == nil {
                let allowed = DemoProfile.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("options.profile: must be one of \(allowed)")
            }
        }
        for key in config.options.keys where key != "profile" {
            problems.append("options.\(key): unknown option for provider demo")
        }
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let profile = context.config.options["profile"]?.stringValue.flatMap(DemoProfile.init(rawValue:)) ?? .subscription
        return DemoQuotaModel(seed: context.config.id, profile: profile).snapshot(at: context.now())
    }
}

/// The shape of demo data a demo provider produces.
public enum DemoProfile: String, CaseIterable, Sendable {
    /// 5-hour and weekly windows plus monthly extra-usage dollars (like Claude or Codex).
    case subscription
    /// Monthly premium requests and a chat allowance (like Copilot).
    case requests
    /// A prepaid credit balance with a daily key budget (like OpenRouter).
    case credits
}
