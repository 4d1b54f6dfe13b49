/// The version every aimeter binary reports and sends in its User-Agent.
public enum AIMeterVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
