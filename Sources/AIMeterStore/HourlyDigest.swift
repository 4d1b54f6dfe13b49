import Foundation
import GRDB

/// The `hourlyDigest` table: for each provider and UTC day, the last poll of every hour packed
/// into one blob, so that long hourly histories read a few hundred rows instead of one row per
/// hour. It is derived data: ``rebuild(provider:day:_:)`` recomputes a day from `poll`.
///
/// Blob layout, little-endian, one entry per hour in time order:
/// `createdAt: Int64, layoutId: Int64, costUsed: Double, costLimit: Double, count: Int64`,
/// then `count` usedPercent doubles. A missing cost number is stored as NaN (stored costs are
/// always finite).
enum HourlyDigest {
    /// One packed hour.
    struct Entry {
        var createdAt: Int64
        var layoutId: Int64
        var costUsed: Double?
        var costLimit: Double?
    }

    /// One provider's UTC day: the key of a digest row.
    struct ProviderDay: Hashable {
        var provider: Int64
        var day: Int64
    }

    /// The UTC day of a unix time.
    static func day(of t: Int64) -> Int64 {
        PollBuckets.key(t, minutes: 1_440)
    }

    /// Recomputes one provider-day from the polls flagged as the last of their hour.
    static func rebuild(provider: Int64, day: Int64, _ db: Database) throws {
        var bytes: [UInt8] = []
        try RawRows.forEach(
            db,
            sql: """
                SELECT createdAt, layoutId, costUsed, costLimit, usedPercents FROM poll
                WHERE providerInternalId = ? AND createdAt >= ? AND createdAt < ? AND bucketFlags & \(PollBuckets.hourBit)
                ORDER BY createdAt, id
                """,
            arguments: [provider, day * 86_400, (day + 1) * 86_400]
        ) { row in
            append(row.int64(0), to: &bytes)
            append(row.int64(1), to: &bytes)
            append((row.optionalDouble(2) ?? .nan).bitPattern, to: &bytes)
            append((row.optionalDouble(3) ?? .nan).bitPattern, to: &bytes)
            row.withBlob(4) { percents in
                append(Int64(percents.count / 8), to: &bytes)
                bytes.append(contentsOf: percents)
            }
        }
        if bytes.isEmpty {
            try db.execute(
                sql: "DELETE FROM hourlyDigest WHERE providerInternalId = ? AND day = ?", arguments: [provider, day])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO hourlyDigest (providerInternalId, day, points) VALUES (?, ?, ?)
                    ON CONFLICT (providerInternalId, day) DO UPDATE SET points = excluded.points
                    """,
                arguments: [provider, day, Data(bytes)])
        }
    }

    /// Calls `body` with each entry of a packed day and the bytes of its percentages; false when
    /// the blob is malformed.
    static func forEach(in buffer: UnsafeRawBufferPointer, _ body: (Entry, UnsafeRawBufferPointer) throws -> Void) rethrows -> Bool {
        var offset = 0
        while offset < buffer.count {
            guard buffer.count - offset >= 40 else { return false }
            let count = load(Int64.self, buffer, offset + 32)
            guard count >= 0, count <= (buffer.count - offset - 40) / 8 else { return false }
            let costUsed = Double(bitPattern: load(UInt64.self, buffer, offset + 16))
            let costLimit = Double(bitPattern: load(UInt64.self, buffer, offset + 24))
            let entry = Entry(
                createdAt: load(Int64.self, buffer, offset), layoutId: load(Int64.self, buffer, offset + 8),
                costUsed: costUsed.isNaN ? nil : costUsed, costLimit: costLimit.isNaN ? nil : costLimit)
            let start = offset + 40
            offset = start + Int(count) * 8
            try body(entry, UnsafeRawBufferPointer(rebasing: buffer[start..<offset]))
        }
        return true
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func load<T: FixedWidthInteger>(_ type: T.Type, _ buffer: UnsafeRawBufferPointer, _ offset: Int) -> T {
        T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
