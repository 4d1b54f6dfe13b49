/// Appends bytes to memory reserved beforehand (by ``ChunkedOutput``) for one piece of a
/// streamed document: a writer's inner loop, without the capacity and uniqueness checks of an
/// array append.
///
/// The digit writers store a fixed number of bytes and keep only those they need, so that a
/// number costs no branch on its length: the caller reserves
/// ``HistoryNumberWriter/maximumLength`` bytes for each number, of which at most 3 are stored
/// past the bytes kept.
struct ByteCursor {
    /// "00", "01", … "99": integers are written two digits per division.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324\
        25262728293031323334353637383940414243444546474849\
        50515253545556575859606162636465666768697071727374\
        75767778798081828384858687888990919293949596979899
        """

    private let base: UnsafeMutableRawBufferPointer
    /// Bytes written so far.
    private(set) var count = 0

    /// A cursor at `offset` in `base`, which the caller sized for everything it will append.
    init(_ base: UnsafeMutableRawBufferPointer, at offset: Int = 0) {
        self.base = base
        self.count = offset
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends literal text.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        // Byte by byte: the literals are a few bytes long, shorter than a memcpy call costs,
        // and inlined with a constant length the loop unrolls.
        let start = text.utf8Start
        for offset in 0..<text.utf8CodeUnitCount {
            base[count + offset] = start[offset]
        }
        count += text.utf8CodeUnitCount
    }

    /// Appends a string's UTF-8 bytes (a slower path than literal text).
    mutating func appendUTF8(_ text: String) {
        for byte in text.utf8 { append(byte) }
    }

    /// Appends the digits of `value`, which is in 0..<100 (stores 2 bytes, keeps 1 or 2).
    @inline(__always)
    mutating func appendBelowHundred(_ value: Int) {
        let pairs = Self.digitPairs.utf8Start
        let wide = value >= 10 ? 1 : 0
        base[count] = pairs[2 * value + 1 - wide]
        base[count + 1] = pairs[2 * value + 1]
        count += 1 + wide
    }

    /// Appends `.d` or `.dd` for `hundredths` in 1..<100 as JavaScript prints a fraction, without
    /// a trailing zero; nothing for 0 (stores 3 bytes, keeps 0, 2 or 3).
    @inline(__always)
    mutating func appendHundredthsFraction(_ hundredths: Int) {
        let pairs = Self.digitPairs.utf8Start
        base[count] = UInt8(ascii: ".")
        base[count + 1] = pairs[2 * hundredths]
        base[count + 2] = pairs[2 * hundredths + 1]
        count += hundredths == 0 ? 0 : (hundredths % 10 == 0 ? 2 : 3)
    }

    /// Appends the decimal digits of `value`.
    mutating func appendInteger(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        var digits = 2
        var limit: UInt64 = 100
        while digits < 20, magnitude >= limit {
            digits += 1
            limit = limit &* 10
        }
        count += digits
        var position = count
        let pairs = Self.digitPairs.utf8Start
        while magnitude >= 100 {
            let pair = Int(magnitude % 100) * 2
            magnitude /= 100
            position -= 2
            base[position] = pairs[pair]
            base[position + 1] = pairs[pair + 1]
        }
        if magnitude >= 10 {
            let pair = Int(magnitude) * 2
            base[position - 2] = pairs[pair]
            base[position - 1] = pairs[pair + 1]
        } else {
            base[position - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
        }
    }
}
