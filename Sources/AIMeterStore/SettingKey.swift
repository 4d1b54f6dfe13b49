/// Keys of the `setting` table (AIMeter's `settings` key names).
public enum SettingKey: String, Sendable, CaseIterable {
    /// Value of the `x-aimeter-endpoint-secret` header (database mode).
    case endpointSecret = "endpoint_secret"
    /// Value of the `x-aimeter-cron-secret` header (database mode).
    case cronSecret = "cron_secret"
    /// HMAC key of session cookies.
    case sessionSecret = "session_secret"
    /// Password hash of the normal role, set through the collector.
    case normalPasswordHash = "normal_password_hash"
    /// Password hash of the admin role, set through the collector.
    case adminPasswordHash = "admin_password_hash"
}
