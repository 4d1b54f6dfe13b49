import AIMeterCore
import Foundation

/// One proxy call record of `GET /api/v1/usage/proxies/`.
struct AceDataRecord: Sendable, Equatable {
    /// Amount this call consumed (`used_amount`).
    var usedAmount: Double
    /// Balance after the call (`remaining_amount`); nil when the record has none.
    var remainingAmount: Double?
    /// When the call was made (`created_at`).
    var createdAt: Date
    /// Where the record was in its page, e.g. `results[3]`, for error messages.
    var path: String
}

/// One page of proxy call records: the total `count` and this page's `results`.
struct AceDataUsagePage: Sendable, Equatable {
    var count: Int
    var records: [AceDataRecord]

    /// Parses a page; a record without a readable `used_amount` or `created_at` is a decoding error.
    /// An answer with no `count` but a `detail`, `error` or `message` text is an error reported
    /// inside a 2xx answer; its text is cleaned of `secrets`.
    static func parse(_ body: Data, redacting secrets: [String] = []) throws -> AceDataUsagePage {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        if json["count"].isMissing, let text = json["detail"].nonEmptyString ?? json["error"].nonEmptyString
            ?? json["error"]["message"].nonEmptyString ?? json["message"].nonEmptyString
        {
            throw ProviderError.upstreamError("AceData reported an error: \(BodyPrefix.of(Data(text.utf8), redacting: secrets))")
        }
        guard let count = json["count"].number, count >= 0, count == count.rounded(.down) else {
            throw json["count"].typeError(expected: "a whole number")
        }
        var records: [AceDataRecord] = []
        for entry in try json["results"].array() {
            guard let used = entry["used_amount"].number else {
                throw entry["used_amount"].typeError(expected: "a number")
            }
            guard let text = entry["created_at"].string, let createdAt = UpstreamTime.parse(text) else {
                throw entry["created_at"].typeError(expected: "an ISO-8601 time")
            }
            records.append(AceDataRecord(usedAmount: used, remainingAmount: entry["remaining_amount"].number, createdAt: createdAt, path: entry.path))
        }
        return AceDataUsagePage(count: Int(count), records: records)
    }
}
