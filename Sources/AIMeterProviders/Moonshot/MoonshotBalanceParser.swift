import AIMeterCore
import Foundation

/// Pure mapping of Moonshot's `/v1/users/me/balance` body to a balance.
///
/// `available_balance` is cash plus vouchers. Cash can go negative (a deficit after usage
/// billed past zero); the available balance then shrinks accordingly and is recorded as is.
enum MoonshotBalanceParser {
    /// Throws the error Moonshot reports inside an HTTP 200 (`code` ≠ 0 or `status: false`).
    static func checkEnvelope(_ body: JSONValue) throws {
        let code = body["code"]?.doubleValue
        guard (code != nil && code != 0) || body["status"]?.boolValue == false else { return }
        let message =
            body["error"]?["message"]?.nonEmptyString ?? body["message"]?.nonEmptyString
            ?? body["msg"]?.nonEmptyString ?? "Moonshot API returned an error"
        let suffix = code.map { " (code: \(JSNumber.format($0)))" } ?? ""
        throw ProviderError.upstreamError("Moonshot error: \(message.prefix(200))\(suffix)")
    }

    /// The available balance in `currency` (the currency of the site polled).
    static func cost(from body: JSONValue, currency: String) throws -> Cost {
        guard let available = body["data"]?["available_balance"]?.doubleValue else {
            throw ProviderError.decoding(path: "data.available_balance", message: "missing or not a number")
        }
        return Cost(remaining: available, currency: currency)
    }
}
