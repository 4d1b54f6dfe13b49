import AIMeterCore
import Foundation

/// Validates the export's query parameters in AIMeter's order: format → pretty → timezone → providers.
public enum ExportQueryParser {
    /// Parses raw query values. Pass nil for a parameter that is absent or repeated (AIMeter
    /// ignores anything that is not a single plain string).
    /// - Parameter knownTypes: the provider types `providers` may name (matched case-sensitively).
    public static func parse(
        format: String?,
        pretty: String?,
        timezone: String?,
        providers: String?,
        knownTypes: [ProviderType] = ProviderType.allCases
    ) -> Result<ExportQuery, ExportQueryError> {
        let formatName = JSString.trim(format ?? "json").lowercased()
        guard let parsedFormat = ExportFormat(rawValue: formatName) else {
            return .failure(.invalidFormat(received: formatName))
        }

        let parsedPretty: Bool
        if let pretty {
            switch JSString.trim(pretty).lowercased() {
            case "true", "1": parsedPretty = true
            case "false", "0": parsedPretty = false
            default: return .failure(.invalidPretty(received: pretty))
            }
        } else {
            parsedPretty = true
        }

        let trimmedZone = JSString.trim(timezone ?? "UTC")
        let zoneName = trimmedZone.isEmpty ? "UTC" : trimmedZone
        guard let zone = ExportTimeZone.resolve(zoneName) else {
            return .failure(.invalidTimezone(received: zoneName))
        }

        let trimmedProviders = JSString.trim(providers ?? "all")
        let providersRaw = trimmedProviders.isEmpty ? "all" : trimmedProviders
        var query = ExportQuery(
            providersRaw: providersRaw, format: parsedFormat, pretty: parsedPretty, timezone: zoneName, timeZone: zone)
        guard providersRaw != "all" else { return .success(query) }

        switch parseProviderList(providersRaw, knownTypes: knownTypes) {
        case .success(let types):
            query.requestedProviders = types
            return .success(query)
        case .failure(let error):
            return .failure(error)
        }
    }

    /// Splits on commas, trims, drops empties and duplicates, then checks every name.
    private static func parseProviderList(
        _ raw: String, knownTypes: [ProviderType]
    ) -> Result<[ProviderType], ExportQueryError> {
        let names = raw.split(separator: ",", omittingEmptySubsequences: false)
            .map { JSString.trim(String($0)) }
            .filter { !$0.isEmpty }
        guard !names.isEmpty else { return .failure(.invalidProviders(received: raw)) }

        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }

        let byName = Dictionary(knownTypes.map { ($0.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let invalid = unique.filter { byName[$0] == nil }
        guard invalid.isEmpty else { return .failure(.unknownProvider(invalidProviders: invalid)) }
        return .success(unique.compactMap { byName[$0] })
    }
}
