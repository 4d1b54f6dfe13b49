extension Duration {
    /// The duration in seconds, as a `Double` (for `Date`, `TimeInterval` and JSON figures).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds, as a `Double` (for logs and JSON figures).
    public var inMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
