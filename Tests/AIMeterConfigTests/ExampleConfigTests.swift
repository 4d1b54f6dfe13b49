import AIMeterCore
import Foundation
import Testing

@testable import AIMeterConfig

@Suite("The full example configuration")
struct ExampleConfigTests {
    @Test("loads every section with the written values")
    func loadsEverySection() throws {
        let config = try loadConfig(ExampleConfig.yaml, env: ExampleConfig.environment)
        #expect(config.server == ServerConfig(host: "0.0.0.0", port: 8080, protocol: .https, trustedProxies: ["127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"]))
        #expect(config.database == DatabaseConfig(path: "/srv/aimeter/aimeter.db", encryptionKey: ExampleConfig.encryptionKey))
        #expect(config.collector == CollectorConfig(socket: "/run/aimeter/collector.sock", concurrency: 4, requestTimeoutSeconds: 7.5, retentionDays: 90))
        #expect(config.auth.sessionTtlSeconds == 43200)
        #expect(config.auth.normalPasswordHash == ExampleConfig.normalHash)
        #expect(config.auth.adminPasswordHash == ExampleConfig.adminHash)
        #expect(config.auth.endpointSecret == ExampleConfig.endpointSecret)
        #expect(config.auth.cronSecret == ExampleConfig.cronSecret, "cron secret comes from AIMETER_CRON_SECRET")
        #expect(config.auth.metricsToken == ExampleConfig.metricsToken)
        #expect(config.auth.rateLimit == RateLimitConfig(windowMs: 120_000, maxAttempts: 3, blockMs: 600_000))
    }

    @Test("builds provider entries in file order with credentials and options")
    func buildsProviders() throws {
        let providers = try loadConfig(ExampleConfig.yaml, env: ExampleConfig.environment).providers
        #expect(providers.map(\.type) == [.claude, .openrouter, .kimi, .cursor, .minimax, .custom, .demo])
        #expect(providers.map(\.displayOrder) == Array(1...7))
        #expect(providers[0].id == ProviderID.derive(type: .claude, name: "Work Claude"))
        #expect(providers[0].plan == "Max")
        let tokens = try #require(providers[0].credentials?.oauthTokens)
        #expect(tokens.accessToken == ExampleConfig.claudeAccess)
        #expect(tokens.refreshToken == ExampleConfig.claudeRefresh)
        #expect(tokens.expiresAt == Date(timeIntervalSince1970: 1_767_225_600), "values above 1e12 are milliseconds")
        #expect(providers[1].id == "openrouter-main")
        #expect(providers[1].refreshIntervalMinutes == 15)
        #expect(providers[1].credentials == .apiKey(ExampleConfig.openRouterKey))
        #expect(providers[2].credentials == .jwt(ExampleConfig.kimiJWT))
        #expect(providers[2].refreshIntervalMinutes == 5, "default interval")
        #expect(providers[3].credentials == .cookie(ExampleConfig.cursorCookie))
        #expect(providers[3].isScheduled == false)
        #expect(providers[4].region == "minimax_cn")
        #expect(providers[5].baseURL == "https://relay.example.test/v1")
        #expect(providers[5].options["path"] == .string("/usage"))
        #expect(providers[5].options["headers"]?["Authorization"] == .string(ExampleConfig.customHeader))
        #expect(providers[6].credentials == nil)
        #expect(providers[6].id == ProviderID.derive(type: .demo, name: nil))
    }
}
