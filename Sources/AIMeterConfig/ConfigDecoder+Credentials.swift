import AIMeterCore
import Foundation

extension KeySchema {
    static let credentialTypes = ["api_key", "cookie", "jwt", "oauth"]
    static let simpleCredentialKeys = ["type", "value", "valueFile"]
    static let oauthCredentialKeys = [
        "type", "accessToken", "accessTokenFile", "refreshToken", "refreshTokenFile", "expiresAt", "idToken", "clientId",
        "clientSecret", "clientSecretFile", "projectId", "accountId",
    ]

    /// The keys allowed for a credential type; all of them when the type is unknown, so only real typos are reported.
    static func credentials(type: String?) -> KeySchema {
        let renamed = ["expiry_date": "use expiresAt", "project": "use projectId", "authType": "use type"]
        switch type {
        case "api_key", "cookie", "jwt":
            return KeySchema(subject: "\(type ?? "") credentials", keys: simpleCredentialKeys, renamed: renamed)
        case "oauth":
            return KeySchema(subject: "oauth credentials", keys: oauthCredentialKeys, renamed: renamed)
        default:
            let all = simpleCredentialKeys + oauthCredentialKeys.filter { !simpleCredentialKeys.contains($0) }
            return KeySchema(subject: "credentials", keys: all, renamed: renamed)
        }
    }
}

extension ConfigDecoder {
    mutating func decodeCredentials(_ entry: ConfigNode.Entry?, at path: String) -> Credentials? {
        guard let entry else { return nil }
        let type = credentialType(entry.value, at: path)
        let map = mapping(entry.value, at: path, schema: .credentials(type: type))
        guard case .mapping = entry.value.content, let type else { return nil }
        switch type {
        case "oauth":
            return decodeOAuth(map).map(Credentials.oauth)
        default:
            let reported = problems.count
            guard let value = secret(map, "value", fileKey: "valueFile") else {
                // Only when nothing more specific (a bad file, a missing variable) was reported.
                if problems.count == reported {
                    report(map.path("value"), "is required for \(type) credentials (or give valueFile)", line: map.line)
                }
                return nil
            }
            switch type {
            case "api_key": return .apiKey(value)
            case "cookie": return .cookie(value)
            default: return .jwt(value)
            }
        }
    }

    /// The credential type, or nil (reported) when missing or unknown.
    private mutating func credentialType(_ node: ConfigNode, at path: String) -> String? {
        guard case .mapping(let entries) = node.content else { return nil }
        let valid = KeySchema.credentialTypes
        guard let entry = entries.first(where: { $0.key == "type" }), !entry.value.isNull else {
            report("\(path).type", "is required: one of \(valid.joined(separator: ", "))", line: node.line)
            return nil
        }
        guard let text = scalarText(entry, at: "\(path).type", expected: "a credential type")?.text else { return nil }
        let type = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard valid.contains(type) else {
            let hint = KeySuggestion.hint(for: text, in: valid)
            report("\(path).type", "unknown credential type \(quoted(text))\(hint); valid types: \(valid.joined(separator: ", "))", line: entry.line)
            return nil
        }
        return type
    }

    private mutating func decodeOAuth(_ map: MappingNode) -> OAuthTokens? {
        let reported = problems.count
        let accessToken = secret(map, "accessToken", fileKey: "accessTokenFile")
        if accessToken == nil, problems.count == reported {
            report(map.path("accessToken"), "is required for oauth credentials (or give accessTokenFile)", line: map.line)
        }
        let tokens = OAuthTokens(
            accessToken: accessToken ?? "",
            refreshToken: secret(map, "refreshToken", fileKey: "refreshTokenFile"),
            expiresAt: expiresAt(map),
            idToken: string(map, "idToken"),
            clientId: string(map, "clientId"),
            clientSecret: secret(map, "clientSecret", fileKey: "clientSecretFile"),
            projectId: string(map, "projectId"),
            accountId: string(map, "accountId"))
        return accessToken == nil ? nil : tokens
    }

    /// Unix seconds, unix milliseconds (values above 1e12, as AIMeter) or an ISO-8601 date.
    private mutating func expiresAt(_ map: MappingNode) -> Date? {
        guard let setting = raw(map, "expiresAt", env: nil, expected: "a date or unix timestamp") else { return nil }
        let text = setting.text.trimmingCharacters(in: .whitespaces)
        let number = setting.number ?? (setting.kind == .string ? Double(text) : nil)
        if setting.kind != .bool, let number {
            if number.isFinite, number > 0 { return UpstreamTime.fromEpoch(number) }
        } else if setting.kind == .string || setting.kind == .timestamp, let date = UpstreamTime.parse(text) {
            return date
        }
        report(
            map.path("expiresAt"),
            "must be unix seconds, unix milliseconds or an ISO-8601 date like 2026-01-31T12:00:00Z, got \(quoted(text))",
            line: setting.line)
        return nil
    }
}
