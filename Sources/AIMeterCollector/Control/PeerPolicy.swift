import Foundation

/// Who may talk to the control socket: the collector's own user, members of its group, or root.
/// (The socket's 0660 mode already keeps others out; this check also covers a socket placed in
/// a directory with laxer permissions.)
public struct PeerPolicy: Sendable, Equatable {
    /// The collector's effective user id.
    public var uid: UInt32
    /// The collector's effective group id.
    public var gid: UInt32

    /// Creates a policy for the given identity.
    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }

    /// The policy for this process.
    public static var current: PeerPolicy {
        PeerPolicy(uid: geteuid(), gid: getegid())
    }

    /// Whether a peer with these credentials (from SO_PEERCRED) is allowed.
    public func allows(peerUid: UInt32, peerGid: UInt32) -> Bool {
        peerUid == 0 || peerUid == uid || peerGid == gid
    }
}
