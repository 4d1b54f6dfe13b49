/// The two AIMeter roles: `normal` (read-only dashboard) and `admin` (management).
public enum Role: String, Sendable, CaseIterable {
    case normal, admin

    /// The session cookie of this role.
    public var cookieName: String { "aimeter_\(rawValue)_session" }
}
