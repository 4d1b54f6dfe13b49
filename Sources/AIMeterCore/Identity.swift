/// Who the account is, as far as the API exposes it: only the plan label leaves the collector.
public struct Identity: Codable, Sendable, Equatable, Hashable {
    /// Plan label, e.g. `Pro`, `plus`, `Coding Plan Lite`.
    public var plan: String?

    /// Creates an identity.
    public init(plan: String? = nil) {
        self.plan = plan
    }

    /// The plan trimmed, or nil when it is missing or blank.
    public var trimmedPlan: String? {
        guard let plan else { return nil }
        let trimmed = plan.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
