import Foundation

extension MockResponse {
    /// `200` with `body` gzip-encoded (`Content-Encoding: gzip`), to check that clients decode it.
    public static func gzipJSON(_ body: String) -> MockResponse {
        MockResponse(
            status: 200,
            headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
            body: .bytes(GzipEncoder.encode(Data(body.utf8)))
        )
    }
}

/// A minimal gzip writer: deflate "stored" blocks (no compression) plus the gzip header and
/// trailer. Enough for any decoder to exercise its gzip path without a zlib dependency.
public enum GzipEncoder {
    /// `data` wrapped as a valid gzip member.
    public static func encode(_ data: Data) -> Data {
        var out = Data([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])  // magic, deflate, no flags, mtime 0, OS unknown
        let bytes = [UInt8](data)
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let isFinal = offset + count >= bytes.count
            out.append(isFinal ? 0x01 : 0x00)  // BFINAL bit, BTYPE 00 (stored)
            appendLittleEndian(UInt32(count) | (UInt32(~UInt16(count)) << 16), to: &out)
            out.append(contentsOf: bytes[offset..<offset + count])
            offset += count
        } while offset < bytes.count
        appendLittleEndian(crc32(bytes), to: &out)
        appendLittleEndian(UInt32(truncatingIfNeeded: bytes.count), to: &out)
        return out
    }

    /// CRC-32 (IEEE 802.3), as gzip's trailer needs.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    private static func appendLittleEndian(_ value: UInt32, to data: inout Data) {
        for shift in stride(from: 0, to: 32, by: 8) {
            data.append(UInt8((value >> UInt32(shift)) & 0xff))
        }
    }
}
