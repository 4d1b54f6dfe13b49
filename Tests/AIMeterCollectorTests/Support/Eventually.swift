import Foundation

/// Polls `condition` every few milliseconds until it holds or `timeout` (real time) passes;
/// returns whether it held. For waiting on background work, never for timing assertions.
func eventually(timeout: TimeInterval = 5, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
