import AIMeterCore
import Foundation

/// The pure function behind ``DemoAdapter``: usage as a function of seed and time.
public struct DemoQuotaModel: Sendable {
    /// Provider id the numbers are derived from.
    public let seed: String
    /// Which family of items to produce.
    public let profile: DemoProfile

    /// Creates a model.
    public init(seed: String, profile: DemoProfile) {
        self.seed = seed
        self.profile = profile
    }

    /// The snapshot at `date`.
    public func snapshot(at date: Date) -> UsageSnapshot {
        let now = date.timeIntervalSince1970
        switch profile {
        case .subscription:
            return UsageSnapshot(
                items: [
                    windowItem(name: "Session", windowMinutes: 300, now: now, salt: 1, intensity: 0.9),
                    windowItem(name: "Weekly", windowMinutes: 10080, now: now, salt: 2, intensity: 0.7),
                ],
                cost: monthlyCost(now: now, limit: 50, salt: 3),
                identity: Identity(plan: "Demo Pro"),
                updatedAt: date
            )
        case .requests:
            var premium = windowItem(name: "Premium", windowMinutes: 43200, now: now, salt: 4, intensity: 0.8)
            premium.limit = 300
            premium.used = (premium.usedPercent * 3).rounded()
            premium.resetDescription = "Monthly reset"
            var chat = windowItem(name: "Chat", windowMinutes: 43200, now: now, salt: 5, intensity: 0.4)
            chat.limit = 500
            chat.used = (chat.usedPercent * 5).rounded()
            chat.resetDescription = "Monthly reset"
            return UsageSnapshot(items: [premium, chat], identity: Identity(plan: "Demo Business"), updatedAt: date)
        case .credits:
            var daily = windowItem(name: "Daily Credits", windowMinutes: 1440, now: now, salt: 6, intensity: 0.6)
            daily.limit = 10
            daily.used = JSNumber.roundPercentage(daily.usedPercent / 10)
            let cost = monthlyCost(now: now, limit: 40, salt: 7)
            let total = ProgressItem(
                name: "Total Credits",
                desc: "total window",
                usedPercent: JSNumber.roundPercentage((cost.used ?? 0) / 40 * 100),
                remainingPercent: JSNumber.roundPercentage((cost.remaining ?? 0) / 40 * 100),
                used: cost.used,
                limit: 40
            )
            return UsageSnapshot(items: [daily, total], cost: cost, identity: Identity(plan: "Pay as you go"), updatedAt: date)
        }
    }

    /// An item whose usage rises through the window along a smooth, seed-dependent curve and
    /// drops to a small value when the window resets.
    func windowItem(name: String, windowMinutes: Double, now: Double, salt: UInt64, intensity: Double) -> ProgressItem {
        let windowSeconds = windowMinutes * 60
        let phaseOffset = Double(hash(salt) % UInt64(windowSeconds))
        let shifted = now + phaseOffset
        let windowIndex = (shifted / windowSeconds).rounded(.down)
        let elapsed = (shifted - windowIndex * windowSeconds) / windowSeconds
        let windowSalt = hash(salt &+ UInt64(bitPattern: Int64(windowIndex)))
        let peak = intensity * (0.55 + Double(windowSalt % 450) / 1000)  // how much this window ends up using
        let wobble = 0.03 * sin(elapsed * 9 + Double(windowSalt % 7))
        let used = Swift.max(0, Swift.min(100, (peak * pow(elapsed, 0.8) + wobble * elapsed) * 100))
        let usedPercent = JSNumber.roundPercentage(used)
        let resetsAt = Int64((windowIndex + 1) * windowSeconds - phaseOffset)
        return ProgressItem(
            name: name,
            desc: WindowDuration.describe(minutes: windowMinutes) + " window",
            usedPercent: usedPercent,
            remainingPercent: JSNumber.roundPercentage(100 - usedPercent),
            windowMinutes: windowMinutes,
            resetsAt: resetsAt
        )
    }

    func monthlyCost(now: Double, limit: Double, salt: UInt64) -> Cost {
        let item = windowItem(name: "Cost", windowMinutes: 43200, now: now, salt: salt, intensity: 0.5)
        let used = JSNumber.roundPercentage(item.usedPercent / 100 * limit)
        return Cost(used: used, limit: limit, remaining: JSNumber.roundPercentage(limit - used), currency: "USD", period: "Monthly")
    }

    /// FNV-1a over the seed and a salt: stable across processes and platforms.
    func hash(_ salt: UInt64) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        for shift in stride(from: 0, to: 64, by: 8) {
            value ^= (salt >> UInt64(shift)) & 0xFF
            value = value &* 0x0000_0100_0000_01B3
        }
        return value
    }
}
