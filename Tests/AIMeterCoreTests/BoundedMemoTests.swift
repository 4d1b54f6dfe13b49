import Synchronization
import Testing

@testable import AIMeterCore

@Suite struct BoundedMemoTests {
    @Test func computesEachKeyOnceAndNeverHoldsMoreThanItsCapacity() {
        let memo = BoundedMemo<String, Int>(capacity: 3)
        let calls = Mutex(0)
        func length(_ key: String) -> Int {
            calls.withLock { $0 += 1 }
            return key.count
        }
        #expect(memo.value(for: "ab", compute: length) == 2)
        #expect(memo.value(for: "ab", compute: length) == 2)
        #expect(calls.withLock { $0 } == 1)
        for key in ["c", "dd", "eee", "ffff", "g"] {
            _ = memo.value(for: key, compute: length)
            #expect(memo.count <= 3)
        }
        // A thousand distinct keys (a hostile client) never grow it past the capacity.
        for index in 0..<1000 { _ = memo.value(for: "k\(index)", compute: length) }
        #expect(memo.count <= 3 && memo.count >= 1)
        #expect(memo.value(for: "k999", compute: length) == 4)
    }

    @Test func aValueNotToBeRememberedIsComputedEveryTime() {
        let memo = BoundedMemo<String, Int>(capacity: 8)
        let calls = Mutex(0)
        for _ in 0..<3 {
            _ = memo.value(for: "huge", remember: false) { key in
                calls.withLock { $0 += 1 }
                return key.count
            }
        }
        #expect(calls.withLock { $0 } == 3)
        #expect(memo.count == 0)
    }
}
