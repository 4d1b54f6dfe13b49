import AIMeterCore
import Foundation

/// Pure mapping of DeepSeek's `/user/balance` body to a balance.
///
/// A balance has no limit, so aimeter records only `remaining` and `currency`: no progress
/// items and no invented percentage. `is_available: false` (balance too low to call the API)
/// is not an error; the balance itself says so.
enum DeepSeekBalanceParser {
    /// The balance in `preferredCurrency` when given, else in the first currency listed.
    static func cost(from body: JSONValue, preferredCurrency: String?) throws -> Cost {
        guard let infos = body["balance_infos"]?.arrayValue, !infos.isEmpty else {
            throw ProviderError.decoding(path: "balance_infos", message: "missing or empty")
        }
        let currencies = infos.map { $0["currency"]?.nonEmptyString?.uppercased() ?? "" }
        var index = 0
        if let preferred = preferredCurrency?.uppercased() {
            guard let match = currencies.firstIndex(of: preferred) else {
                let available = currencies.filter { !$0.isEmpty }.joined(separator: ", ")
                throw ProviderError.configuration("options.currency: DeepSeek reports no \(preferred) balance (has: \(available))")
            }
            index = match
        }
        guard let total = infos[index]["total_balance"]?.doubleValue else {
            throw ProviderError.decoding(path: "balance_infos[\(index)].total_balance", message: "missing or not a number")
        }
        return Cost(remaining: total, currency: currencies[index].isEmpty ? nil : currencies[index])
    }
}
