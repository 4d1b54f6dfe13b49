import AIMeterControl
import AIMeterCore
import Foundation
import Testing

@testable import AIMeterCollector

@Suite struct JobsOperationTests {
    @Test func dueGatingFollowsAIMeterCronSemantics() async throws {
        let providers = [
            CollectorHarness.provider("fast", interval: 1, order: 1), CollectorHarness.provider("slow", interval: 30, order: 2),
            CollectorHarness.provider("manual", interval: 0, order: 3),
        ]
        let harness = try await CollectorHarness(providers: providers)
        let server = try harness.startServer()
        defer { server.stop() }
        let start = Int64(harness.clock.now().timeIntervalSince1970)
        let first = try await harness.send(.jobs)
        #expect(first["total"] == 3)
        #expect(first["executed"] == 3)
        #expect(first["success"] == 3)
        #expect(first["results"]?[0] == ["id": "fast", "provider": "demo", "status": "executed", "ok": true, "updatedAt": .number(Double(start))])

        harness.clock.advance(by: 279)
        let early = try await harness.send(.jobs)
        #expect(early["executed"] == 0)
        #expect(early["skipped"] == 3)
        #expect(early["results"]?[0] == ["id": "fast", "provider": "demo", "status": "skipped", "reason": "NOT_DUE", "nextDueAt": .number(Double(start + 300))])
        #expect(early["results"]?[1]?["nextDueAt"] == .number(Double(start + 1800)))

        harness.clock.advance(by: 1)
        harness.adapters.set("manual") { _ in throw ProviderError.transport("connection refused") }
        let due = try await harness.send(.jobs)
        #expect(due["executed"] == 2)
        #expect(due["success"] == 1)
        #expect(due["failed"] == 1)
        #expect(due["results"]?[2] == ["id": "manual", "provider": "demo", "status": "executed", "ok": false, "error": "Transport error: connection refused"])
        #expect(due["durationMs"]?.doubleValue != nil)
        #expect(harness.adapters.callCount("slow") == 1)
    }

    @Test func selectionIgnoresUnknownIdsAndNonArrays() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", order: 1), CollectorHarness.provider("b", order: 2)])
        let server = try harness.startServer()
        defer { server.stop() }
        let picked = try await harness.send(.jobs, ["providerIds": [" b ", "ghost", 7, ""]])
        #expect(picked["total"] == 1)
        #expect(picked["results"]?[0]?["id"] == "b")
        let all = try await harness.send(.jobs, ["providerIds": "b"])
        #expect(all["total"] == 2)
    }
}
