/// The bucket sizes whose "last poll of the bucket" the store tracks in `poll.bucketFlags`.
///
/// A poll has bit `i` set while it is the latest poll of its provider (greatest `createdAt`,
/// then greatest id) in its `sizes[i]`-minute bucket, AIMeter's downsampling key
/// `floor(t / (size * 60))`. Every size divides 60 minutes, so all buckets of a poll lie in its
/// hour. Pruning removes the oldest polls first, so it never removes the last poll of a bucket
/// while keeping an earlier one: the flags stay true without maintenance.
enum PollBuckets {
    /// Tracked sizes in minutes; bit `i` of `bucketFlags` belongs to `sizes[i]`.
    static let sizes = [5, 10, 15, 20, 30, 60]

    /// Sizes that have a covering partial index, by size, with the index name. Hourly buckets
    /// and their multiples are served by the `hourlyDigest` table instead.
    static let indexes: [Int: String] = [
        15: "pollLastIn15Minutes", 20: "pollLastIn20Minutes", 30: "pollLastIn30Minutes",
    ]

    /// The flag bit of the hourly bucket.
    static let hourBit = bit(forSize: 60)

    /// The flag bit of a tracked size.
    static func bit(forSize size: Int) -> Int64 {
        sizes.firstIndex(of: size).map { Int64(1) << Int64($0) } ?? 0
    }

    /// All tracked bits set.
    static let allBits: Int64 = (Int64(1) << Int64(sizes.count)) - 1

    /// The largest tracked size that divides `minutes`: its flagged polls contain the last poll
    /// of every `minutes` bucket. Nil when none divides it (then every poll is a candidate).
    static func trackedDivisor(of minutes: Int) -> Int? {
        sizes.reversed().first { minutes % $0 == 0 }
    }

    /// AIMeter's bucket key `floor(t / (minutes * 60))`, flooring for negative times too.
    static func key(_ t: Int64, minutes: Int) -> Int64 {
        let width = Int64(minutes) * 60
        let quotient = t / width
        return (t % width != 0 && t < 0) ? quotient - 1 : quotient
    }

    /// Start of the hour containing `t`.
    static func hourStart(_ t: Int64) -> Int64 {
        key(t, minutes: 60) * 3600
    }
}

/// The `poll.usedPercents` blob: each item's `usedPercent` in position order as little-endian
/// IEEE-754 doubles, so history reads never touch the item table.
enum UsedPercentsBlob {
    /// Packs the percentages.
    static func encode(_ values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Calls `body` with each value of a packed blob; nil when the length is not a multiple of 8.
    static func forEach(in buffer: UnsafeRawBufferPointer, _ body: (Int, Double) -> Void) -> Bool {
        guard buffer.count % 8 == 0 else { return false }
        for position in 0..<(buffer.count / 8) {
            let bits = buffer.loadUnaligned(fromByteOffset: position * 8, as: UInt64.self)
            body(position, Double(bitPattern: UInt64(littleEndian: bits)))
        }
        return true
    }
}
