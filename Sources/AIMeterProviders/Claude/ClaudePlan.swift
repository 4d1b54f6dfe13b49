import AIMeterCore
import Foundation

/// Plan labels from Claude's account data.
enum ClaudePlan {
    /// The plan named by a rate-limit tier or subscription type (`default_claude_max_5x` →
    /// `Claude Max 5x`, `claude_pro` → `Claude Pro`), or nil when it names none.
    static func label(tier: String?) -> String? {
        guard let tier = tier?.lowercased(), !tier.isEmpty else { return nil }
        if tier.contains("max") {
            // `_5x` / `_20x` suffixes distinguish the two Max tiers.
            if let range = tier.range(of: #"(\d+)x"#, options: .regularExpression) {
                return "Claude Max \(tier[range])"
            }
            return "Claude Max"
        }
        if tier.contains("pro") { return "Claude Pro" }
        if tier.contains("team") { return "Claude Team" }
        if tier.contains("enterprise") { return "Claude Enterprise" }
        return nil
    }

    /// The plan from `GET /api/oauth/profile`. Reads the real nested shape
    /// (`organization.rate_limit_tier`, `organization.organization_type`,
    /// `account.has_claude_max|pro`) and AIMeter's top-level `account_type` /
    /// `subscription_type` (also camelCase `subscriptionType`).
    static func fromProfile(_ body: Data) -> String? {
        guard let json = try? JSONReader.parse(body) else { return nil }
        let organization = json["organization"]
        let candidates = [
            organization["rate_limit_tier"], json["rate_limit_tier"], organization["organization_type"],
            json["account_type"], json["subscription_type"], json["subscriptionType"],
        ]
        for candidate in candidates {
            if let plan = label(tier: candidate.nonEmptyString) { return plan }
        }
        if json["account"]["has_claude_max"].bool == true { return "Claude Max" }
        if json["account"]["has_claude_pro"].bool == true { return "Claude Pro" }
        return nil
    }

    /// AIMeter's cookie-mode table over an organization's `rate_limit_tier` and `billing_type`
    /// (camelCase accepted): max → Max, pro → Pro, team → Team, enterprise → Enterprise,
    /// stripe billing with a `claude` tier → Pro.
    static func fromOrganization(_ organization: JSONReader) -> String? {
        let tier = (organization["rateLimitTier"].nonEmptyString ?? organization["rate_limit_tier"].nonEmptyString ?? "").lowercased()
        let billing = (organization["billingType"].nonEmptyString ?? organization["billing_type"].nonEmptyString ?? "").lowercased()
        if tier.contains("max") { return "Claude Max" }
        if tier.contains("pro") { return "Claude Pro" }
        if tier.contains("team") { return "Claude Team" }
        if tier.contains("enterprise") { return "Claude Enterprise" }
        if billing.contains("stripe") && tier.contains("claude") { return "Claude Pro" }
        return nil
    }
}
