extension KeySchema {
    static let auth = KeySchema(
        subject: "auth settings",
        keys: [
            "sessionTtlSeconds", "normalPasswordHash", "normalPasswordHashFile", "adminPasswordHash",
            "adminPasswordHashFile", "endpointSecret", "endpointSecretFile", "cronSecret", "cronSecretFile",
            "metricsToken", "metricsTokenFile", "rateLimit",
        ],
        renamed: [
            "normalPassword": "plain passwords are not accepted; run `aimeter hash-password` and set normalPasswordHash",
            "adminPassword": "plain passwords are not accepted; run `aimeter hash-password` and set adminPasswordHash",
            "sessionSecret": "the session secret is generated and kept in the database; remove auth.sessionSecret",
            "adminRoutePath": "aimeter has no secret admin path; the admin password protects admin routes",
        ])
    static let rateLimit = KeySchema(subject: "rate limit settings", keys: ["windowMs", "maxAttempts", "blockMs"])
}

extension ConfigDecoder {
    /// Minimum length of `auth.metricsToken` and `database.encryptionKey`.
    static let minimumTokenLength = 16

    mutating func decodeAuth(_ node: ConfigNode?) -> AuthConfig {
        let map = mapping(node, at: "auth", schema: .auth)
        var auth = AuthConfig()
        if let ttl = integer(map, "sessionTtlSeconds", env: "AIMETER_AUTH_SESSION_TTL_SECONDS", range: 300...Int.max) {
            auth.sessionTtlSeconds = ttl
        }
        auth.normalPasswordHash = passwordHash(map, "normalPasswordHash", env: "AIMETER_NORMAL_PASSWORD_HASH")
        auth.adminPasswordHash = passwordHash(map, "adminPasswordHash", env: "AIMETER_ADMIN_PASSWORD_HASH")
        auth.endpointSecret = checkedSecret(
            map, "endpointSecret", env: "AIMETER_ENDPOINT_SECRET", rule: SecretRules.sharedSecretProblem)
        auth.cronSecret = checkedSecret(map, "cronSecret", env: "AIMETER_CRON_SECRET", rule: SecretRules.sharedSecretProblem)
        auth.metricsToken = checkedSecret(map, "metricsToken", env: "AIMETER_METRICS_TOKEN") {
            SecretRules.longSecretProblem($0, minimum: Self.minimumTokenLength)
        }
        auth.rateLimit = decodeRateLimit(map.value("rateLimit")?.value)
        return auth
    }

    private mutating func decodeRateLimit(_ node: ConfigNode?) -> RateLimitConfig {
        let map = mapping(node, at: "auth.rateLimit", schema: .rateLimit)
        var limit = RateLimitConfig()
        if let value = integer(map, "windowMs", env: "AIMETER_AUTH_RATE_LIMIT_WINDOW_MS", range: 10_000...Int.max) {
            limit.windowMs = value
        }
        if let value = integer(map, "maxAttempts", env: "AIMETER_AUTH_RATE_LIMIT_MAX_ATTEMPTS", range: 1...Int.max) {
            limit.maxAttempts = value
        }
        if let value = integer(map, "blockMs", env: "AIMETER_AUTH_RATE_LIMIT_BLOCK_MS", range: 15_000...Int.max) {
            limit.blockMs = value
        }
        return limit
    }

    /// A password hash; a legacy hex hash is lower-cased because AIMeter compares it with
    /// lower-case `hex(sha256(password))`.
    private mutating func passwordHash(_ map: MappingNode, _ key: String, env: String) -> String? {
        guard let value = secret(map, key, fileKey: key + "File", env: env) else { return nil }
        if let problem = SecretRules.passwordHashProblem(value) {
            report(map.path(key), problem + originSuffix(map.path(key)), line: secretLine(map, key))
            return nil
        }
        return SecretRules.isLegacyHex(value) ? value.lowercased() : value
    }

    /// A secret from `key`/`keyFile`/`env` that must pass `rule`.
    private mutating func checkedSecret(
        _ map: MappingNode, _ key: String, env: String, rule: (String) -> String?
    ) -> String? {
        guard let value = secret(map, key, fileKey: key + "File", env: env) else { return nil }
        if let problem = rule(value) {
            report(map.path(key), problem + originSuffix(map.path(key)), line: secretLine(map, key))
            return nil
        }
        return value
    }

    /// The line of `key` or of its `...File` sibling.
    func secretLine(_ map: MappingNode, _ key: String) -> Int? {
        map[key]?.line ?? map[key + "File"]?.line
    }

    /// ` (from AIMETER_X)` or ` (from file /path)` for a setting that did not come from the YAML text itself.
    func originSuffix(_ keyPath: String) -> String {
        switch origins[keyPath] {
        case .environment(let name): " (from \(name))"
        case .secretFile(let path): " (from file \(path))"
        default: ""
        }
    }
}
