/// Comparisons of secrets whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same UTF-8 bytes.
    ///
    /// Like AIMeter (`timingSafeEqual` behind a length check), inputs of different lengths are
    /// unequal at once: the length of a secret is not what this protects.
    public static func equals(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in equals(left, right) } }
    }

    /// Whether two byte buffers are equal, examining every byte when the lengths match.
    public static func equals(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<a.count {
            difference |= a[index] ^ b[index]
        }
        return difference == 0
    }
}
