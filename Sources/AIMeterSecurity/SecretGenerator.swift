/// Random secrets for sessions, integration headers and key files.
///
/// Backed by `SystemRandomNumberGenerator`, which reads the kernel CSPRNG (`getrandom(2)` on
/// Linux) and is documented as cryptographically secure on every platform.
public enum SecretGenerator {
    /// 16 random bytes as 32 lowercase hex characters (AIMeter's `randomBytes(16).toString('hex')`).
    public static func hex32() -> String {
        Hex.encode(randomBytes(count: 16))
    }

    /// `count` random bytes from the system CSPRNG.
    public static func randomBytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<max(0, count)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
