import AIMeterCore

/// What Cloud Code Assist's `loadCodeAssist` tells about an account: its project and its tiers.
/// Used by the Antigravity and Gemini CLI adapters.
struct CodeAssistLoadInfo: Sendable, Equatable {
    /// A subscription tier, given upstream as a bare string or as `{id, name, description}`.
    struct Tier: Sendable, Equatable {
        /// Tier id, e.g. `free-tier`, `standard-tier`, `g1-pro-tier`.
        var id: String?
        /// Display name, e.g. `Google AI Pro`.
        var name: String?

        /// The plan label: the name, else the id.
        var label: String? { name ?? id }

        /// Reads a tier value; nil when it is neither a string nor an object with an id or name.
        init?(_ value: JSONValue?) {
            if let text = value?.nonEmptyString {
                id = text
                name = text
            } else if let value, value.objectValue != nil {
                id = value["id"]?.nonEmptyString
                name = value["name"]?.nonEmptyString
                if id == nil && name == nil { return nil }
            } else {
                return nil
            }
        }
    }

    /// The Cloud AI Companion project id, when the account has one.
    var projectId: String?
    /// The paid subscription tier.
    var paidTier: Tier?
    /// The tier currently in effect.
    var currentTier: Tier?

    /// Reads a `loadCodeAssist` answer.
    init(json: JSONValue) {
        projectId = Self.project(in: json["cloudaicompanionProject"])
        paidTier = Tier(json["paidTier"])
        currentTier = Tier(json["currentTier"])
    }

    /// The plan label: the paid tier first, then the current tier.
    var plan: String? { paidTier?.label ?? currentTier?.label }

    /// The tier id to onboard with when the account has no project yet.
    var onboardingTierId: String? { paidTier?.id ?? currentTier?.id }

    /// A project given as a string or as `{id}`.
    static func project(in value: JSONValue?) -> String? {
        value?.nonEmptyString ?? value?["id"]?.nonEmptyString
    }

    /// The project an `onboardUser` answer carries in `response.cloudaicompanionProject`.
    static func onboardedProject(in json: JSONValue) -> String? {
        project(in: json["response"]?["cloudaicompanionProject"])
    }
}
