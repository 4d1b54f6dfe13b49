import AIMeterCore
import AIMeterProviders
import Foundation
import Synchronization

@testable import AIMeterCollector

/// What a fake provider does when polled.
typealias FetchBehaviour = @Sendable (ProviderContext) async throws -> UsageSnapshot

/// A fake adapter for every provider type that routes each poll to the behaviour registered
/// for the provider id, and counts the polls. Tests change behaviours between polls.
final class ScriptedAdapters: Sendable {
    private let behaviours = Mutex<[String: FetchBehaviour]>([:])
    private let calls = Mutex<[String: Int]>([:])
    private let problems = Mutex<[String: [String]]>([:])

    /// Sets what polling `providerId` does.
    func set(_ providerId: String, _ behaviour: @escaping FetchBehaviour) {
        behaviours.withLock { $0[providerId] = behaviour }
    }

    /// Makes `validate` report `problems` for `providerId`.
    func setProblems(_ providerId: String, _ list: [String]) {
        problems.withLock { $0[providerId] = list }
    }

    /// How many times `providerId` was fetched.
    func callCount(_ providerId: String) -> Int { calls.withLock { $0[providerId] ?? 0 } }

    /// The lookup to hand to the runtime.
    var lookup: PollRunner.AdapterLookup {
        { type in Adapter(type: type, owner: self) }
    }

    fileprivate func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        calls.withLock { $0[context.config.id, default: 0] += 1 }
        guard let behaviour = behaviours.withLock({ $0[context.config.id] }) else {
            return Self.snapshot(used: 10, at: context.now())
        }
        return try await behaviour(context)
    }

    fileprivate func validate(_ config: ProviderConfig) -> [String] {
        problems.withLock { $0[config.id] ?? [] }
    }

    /// A one-item snapshot.
    static func snapshot(used: Double, at date: Date) -> UsageSnapshot {
        UsageSnapshot(items: [ProgressItem(name: "Session", usedPercent: used)], updatedAt: date)
    }

    private struct Adapter: ProviderAdapter {
        let type: ProviderType
        let owner: ScriptedAdapters
        func validate(_ config: ProviderConfig) -> [String] { owner.validate(config) }
        func fetch(_ context: ProviderContext) async throws -> UsageSnapshot { try await owner.fetch(context) }
    }
}

/// A gate fake fetches wait at until the test opens it; once open it stays open.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var entries = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Called by a fetch: records the entry and waits until the gate is open.
    func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state -> Bool in
                state.entries += 1
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// How many fetches reached the gate.
    var entries: Int { state.withLock { $0.entries } }

    /// Lets every waiting and future fetch through.
    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
