import AIMeterCore

/// The `prometheus` format and `GET /metrics`: the latest data as gauges in the text exposition
/// format 0.0.4. Not part of AIMeter.
///
/// Series are ordered by metric family (the order of ``metrics``), then by entry order (the
/// providers' display order), then by item order. Every series carries `provider` (the type),
/// `id` and `name`; item series add `item`, cost series add `currency`. Values are the stored
/// ones, not the export's rounded integers.
public enum PrometheusExport {
    /// `text/plain; version=0.0.4; charset=utf-8`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Every metric family with its help text, in output order.
    public static let metrics: [(name: String, help: String)] = [
        ("aimeter_build_info", "aimeter build; the value is always 1."),
        ("aimeter_provider_info", "Configured provider and its plan; the value is always 1."),
        ("aimeter_last_poll_success", "Whether the last finished poll of the provider succeeded (1) or failed (0)."),
        ("aimeter_last_success_timestamp_seconds", "Unix time of the last successful poll."),
        ("aimeter_last_attempt_timestamp_seconds", "Unix time of the last poll attempt."),
        ("aimeter_auth_required", "Whether the provider's credential needs a human (1) or not (0)."),
        ("aimeter_consecutive_failures", "Failed polls in a row since the last success."),
        ("aimeter_snapshot_timestamp_seconds", "Unix time of the latest stored snapshot."),
        ("aimeter_snapshot_age_seconds", "Age of the latest stored snapshot at render time."),
        ("aimeter_quota_used_percent", "Share of the quota used, in percent (may exceed 100)."),
        ("aimeter_quota_remaining_percent", "Share of the quota remaining, in percent, when the provider reports it."),
        ("aimeter_quota_used", "Amount of the quota used, in the provider's unit."),
        ("aimeter_quota_limit", "Size of the quota, in the provider's unit."),
        ("aimeter_quota_window_seconds", "Length of the quota window."),
        ("aimeter_quota_reset_timestamp_seconds", "Unix time at which the quota window resets."),
        ("aimeter_quota_seconds_until_reset", "Seconds from render time until the quota resets; negative when the reset has passed."),
        ("aimeter_cost_used", "Money spent in the period."),
        ("aimeter_cost_limit", "Money budget for the period."),
        ("aimeter_cost_remaining", "Money left (balance or budget minus spend)."),
    ]

    /// Renders the metrics of `entries`.
    /// - Parameters:
    ///   - states: poll bookkeeping by provider id; providers without a state get no health series.
    ///   - now: render time in unix seconds, for ages and time until reset.
    ///   - version: the value of `aimeter_build_info{version}`.
    public static func render(
        entries: [ExportEntry], states: [String: ExportProviderState] = [:], now: Int64, version: String
    ) -> String {
        var text = PrometheusText()
        for metric in metrics { text.declare(metric.name, help: metric.help) }
        text.add("aimeter_build_info", [("version", version)], 1)
        for entry in entries {
            addProvider(entry, state: states[entry.provider.id], now: now, to: &text)
        }
        return text.text
    }

    private static func addProvider(_ entry: ExportEntry, state: ExportProviderState?, now: Int64, to text: inout PrometheusText) {
        let provider = entry.provider
        let labels: [(name: String, value: String)] = [("provider", provider.type.rawValue), ("id", provider.id), ("name", provider.name ?? "")]
        var plan = ""
        if case .usage(_, let usage) = entry { plan = Identity(plan: usage.plan).trimmedPlan ?? "" }
        text.add("aimeter_provider_info", labels + [("plan", plan)], 1)

        if let state {
            if let succeeded = state.lastPollSucceeded { text.add("aimeter_last_poll_success", labels, succeeded ? 1 : 0) }
            if let success = state.lastSuccessAt { text.add("aimeter_last_success_timestamp_seconds", labels, Double(success)) }
            if let attempt = state.lastAttemptAt { text.add("aimeter_last_attempt_timestamp_seconds", labels, Double(attempt)) }
            text.add("aimeter_auth_required", labels, state.authRequired ? 1 : 0)
            text.add("aimeter_consecutive_failures", labels, Double(state.consecutiveFailures))
        }

        guard case .usage(_, let usage) = entry else { return }
        text.add("aimeter_snapshot_timestamp_seconds", labels, Double(usage.updatedAt))
        text.add("aimeter_snapshot_age_seconds", labels, Double(now - usage.updatedAt))
        addItems(usage.items, labels: labels, now: now, to: &text)
        if let cost = usage.cost {
            let costLabels = labels + [("currency", cost.currency ?? "")]
            if let used = cost.used { text.add("aimeter_cost_used", costLabels, used) }
            if let limit = cost.limit { text.add("aimeter_cost_limit", costLabels, limit) }
            if let remaining = cost.remaining { text.add("aimeter_cost_remaining", costLabels, remaining) }
        }
    }

    private static func addItems(
        _ items: [ProgressItem], labels: [(name: String, value: String)], now: Int64, to text: inout PrometheusText
    ) {
        var seen: Set<String> = []
        // Two items with one name would make duplicate series, which scrapers reject; the first wins.
        for item in items where seen.insert(item.name).inserted {
            let itemLabels = labels + [("item", item.name)]
            text.add("aimeter_quota_used_percent", itemLabels, item.usedPercent)
            if let remaining = item.remainingPercent { text.add("aimeter_quota_remaining_percent", itemLabels, remaining) }
            if let used = item.used { text.add("aimeter_quota_used", itemLabels, used) }
            if let limit = item.limit { text.add("aimeter_quota_limit", itemLabels, limit) }
            if let minutes = item.windowMinutes, minutes.isFinite, minutes > 0 {
                text.add("aimeter_quota_window_seconds", itemLabels, minutes * 60)
            }
            if let resetsAt = item.resetsAt {
                text.add("aimeter_quota_reset_timestamp_seconds", itemLabels, Double(resetsAt))
                text.add("aimeter_quota_seconds_until_reset", itemLabels, Double(resetsAt - now))
            }
        }
    }
}
