import AIMeterCore
import AIMeterProviders
import Foundation

/// The benchmark's providers and what they report: the demo provider's models, so values move
/// and reset like real quotas. Subscription providers also carry model-scoped weekly windows,
/// so providers have two to four items.
struct BenchProvider {
    let id: String
    let index: Int
    let profile: DemoProfile
    private let model: DemoQuotaModel
    private let models: DemoQuotaModel

    /// Provider number `index` (from 1) of the benchmark.
    init(index: Int) {
        self.index = index
        id = "bench-\(index)"
        profile = [DemoProfile.subscription, .requests, .credits][index % 3]
        model = DemoQuotaModel(seed: id, profile: profile)
        models = DemoQuotaModel(seed: id + "/models", profile: .subscription)
    }

    /// The config entry (`bench/history.sh` writes the same one for the API).
    var config: ProviderConfig {
        ProviderConfig(
            id: id, type: .demo, name: "Bench \(index)", options: ["profile": .string(profile.rawValue)],
            displayOrder: index)
    }

    /// What a poll at `date` returns.
    func snapshot(at date: Date) -> UsageSnapshot {
        var snapshot = model.snapshot(at: date)
        guard profile == .subscription else { return snapshot }
        let scoped = models.snapshot(at: date).items
        snapshot.items.append(renamed(scoped[1], "Weekly Opus"))
        if index % 2 == 0 { snapshot.items.append(renamed(scoped[0], "Weekly Sonnet")) }
        return snapshot
    }

    private func renamed(_ item: ProgressItem, _ name: String) -> ProgressItem {
        var item = item
        item.name = name
        return item
    }
}
