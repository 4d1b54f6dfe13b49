/// Percent-decoding as JavaScript's `decodeURIComponent` does it, without Foundation.
public enum PercentEncoding {
    /// `text` with every `%XX` escape replaced by its byte. Nil when an escape is malformed (`%zz`,
    /// a lone `%`) or the bytes are not UTF-8, where `decodeURIComponent` throws. Text without a
    /// `%` is returned as it is.
    public static func decode(_ text: String) -> String? {
        let bytes = text.utf8
        guard bytes.contains(UInt8(ascii: "%")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                output.append(byte)
                index = bytes.index(after: index)
                continue
            }
            let high = bytes.index(after: index)
            guard high != bytes.endIndex, let highValue = hexValue(bytes[high]) else { return nil }
            let low = bytes.index(after: high)
            guard low != bytes.endIndex, let lowValue = hexValue(bytes[low]) else { return nil }
            output.append(highValue << 4 | lowValue)
            index = bytes.index(after: low)
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
