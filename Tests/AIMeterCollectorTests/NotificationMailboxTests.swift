import Foundation
import Synchronization
import Testing

@testable import AIMeterCollector

/// A manager that stops reading `NOTIFY_SOCKET` makes `sd_notify` block; the mailbox must keep
/// the scheduler loop free and send the newest state once the manager reads again.
@Suite struct NotificationMailboxTests {
    /// A send that blocks until the test opens the gate (a full datagram queue), recording what
    /// reached it.
    final class StuckManager: @unchecked Sendable {
        let gate = DispatchSemaphore(value: 0)
        let received = Mutex<[String]>([])
        let firstArrived = DispatchSemaphore(value: 0)

        func send(_ state: String) {
            let isFirst = received.withLock {
                $0.append(state)
                return $0.count == 1
            }
            if isFirst {
                firstArrived.signal()
                gate.wait()
            }
        }
    }

    @Test func periodicNotificationsNeverBlockAndMergeWhileTheManagerIsStuck() {
        let manager = StuckManager()
        let mailbox = NotificationMailbox { manager.send($0) }
        mailbox.post("WATCHDOG=1")
        #expect(manager.firstArrived.wait(timeout: .now() + 5) == .success)
        // The sender is now stuck inside the first datagram; these calls must all return.
        for index in 0..<1_000 {
            mailbox.post("WATCHDOG=1")
            mailbox.post("STATUS=round \(index)")
        }
        manager.gate.signal()
        let deadline = Date().addingTimeInterval(5)
        while manager.received.withLock({ $0.count }) < 2 && Date() < deadline { usleep(5_000) }
        usleep(50_000)
        let received = manager.received.withLock { $0 }
        #expect(received == ["WATCHDOG=1", "WATCHDOG=1\nSTATUS=round 999"])
    }

    @Test func lifecycleMessagesAreAllSentInOrderAfterWhatWasQueued() {
        let sent = Mutex<[String]>([])
        let mailbox = NotificationMailbox { state in sent.withLock { $0.append(state) } }
        mailbox.post("STATUS=starting")
        mailbox.post("READY=1\nSTATUS=ok")
        mailbox.post("RELOADING=1\nMONOTONIC_USEC=1")
        mailbox.post("STOPPING=1")
        // Lifecycle posts wait for their own send, so everything is out by now.
        #expect(sent.withLock { $0 } == ["STATUS=starting", "READY=1\nSTATUS=ok", "RELOADING=1\nMONOTONIC_USEC=1", "STOPPING=1"])
    }

    @Test func aLifecycleMessageHoldsItsCallerOnlyBoundedlyWhenTheManagerIsStuck() {
        let manager = StuckManager()
        let mailbox = NotificationMailbox { manager.send($0) }
        mailbox.post("WATCHDOG=1")
        #expect(manager.firstArrived.wait(timeout: .now() + 5) == .success)
        mailbox.post("STOPPING=1")  // returns after NotificationMailbox.lifecycleWait at the latest
        #expect(manager.received.withLock { $0 } == ["WATCHDOG=1"])
        manager.gate.signal()
        let deadline = Date().addingTimeInterval(5)
        while manager.received.withLock({ $0.count }) < 2 && Date() < deadline { usleep(5_000) }
        #expect(manager.received.withLock { $0 } == ["WATCHDOG=1", "STOPPING=1"])
    }
}
