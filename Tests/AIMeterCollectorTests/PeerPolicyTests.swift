import Testing

@testable import AIMeterCollector

@Suite struct PeerPolicyTests {
    let policy = PeerPolicy(uid: 990, gid: 990)

    @Test func sameUserSameGroupAndRootAreAllowed() {
        #expect(policy.allows(peerUid: 990, peerGid: 100))
        #expect(policy.allows(peerUid: 1000, peerGid: 990))
        #expect(policy.allows(peerUid: 0, peerGid: 0))
    }

    @Test func otherUsersAreRefused() {
        #expect(!policy.allows(peerUid: 1000, peerGid: 1000))
        #expect(!policy.allows(peerUid: 65534, peerGid: 65534))
    }
}
