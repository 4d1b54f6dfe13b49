/// A realistic configuration of a small VPS, used by several tests. Every secret in it is a
/// made-up test value, distinct from every other one so a leak of any of them can be detected.
enum ExampleConfig {
    static let endpointSecret = "5f1c9a7e3b2d4c6a8e0f1a3b5c7d9e1f"
    static let cronSecret = "a0b1c2d3e4f5061728394a5b6c7d8e9f"
    static let metricsToken = "metrics-token-7Q2mX9vL4pR8sT1w"
    static let encryptionKey = "enc-key-3d4f6a8c0e2b4d6f8a0c2e4b6d8f0a1c"
    static let normalHash = "pbkdf2_sha256$100000$QmFzZTY0U2FsdFRleHQx$Z3Vlc3NfdGhpc19kaWdlc3RfaXNfbm90X3JlYWxfMTI"
    static let adminHash = "6e659deaa85842cdabb5c6305fcc40033ba43772ec00d45c2a3c921741a5e377"
    static let openRouterKey = "sk-or-v1-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"
    static let claudeAccess = "sk-ant-oat01-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
    static let claudeRefresh = "sk-ant-ort01-ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210"
    static let kimiJWT = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJraW1pLXRlc3QifQ.c2lnbmF0dXJlLXZhbHVl"
    static let cursorCookie = "WorkosCursorSessionToken=user_01TEST%3A%3AeyJ0ZXN0IjoiY29va2llIn0"
    static let customHeader = "Bearer relay-header-secret-4471"

    /// Environment the example expects.
    static let environment = [
        "OPENROUTER_KEY": openRouterKey,
        "AIMETER_CRON_SECRET": cronSecret,
    ]

    static let yaml = """
        # aimeter on a small VPS behind nginx
        server:
          host: 0.0.0.0
          port: 8080
          protocol: HTTPS
          trustedProxies: [127.0.0.1, "::1", 10.0.0.0/8, "fd00::/8"]
        database:
          path: /srv/aimeter/aimeter.db
          encryptionKey: \(encryptionKey)
        collector:
          socket: /run/aimeter/collector.sock
          concurrency: 4
          requestTimeoutSeconds: 7.5
          retentionDays: 90
        auth:
          sessionTtlSeconds: 43200
          normalPasswordHash: "\(normalHash)"
          adminPasswordHash: \(adminHash)
          endpointSecret: \(endpointSecret)
          metricsToken: \(metricsToken)
          rateLimit:
            windowMs: 120000
            maxAttempts: 3
            blockMs: 600000
        providers:
          - provider: claude
            name: Work Claude
            refreshInterval: 5
            plan: Max
            credentials:
              type: oauth
              accessToken: \(claudeAccess)
              refreshToken: \(claudeRefresh)
              expiresAt: 1767225600000
          - id: openrouter-main
            provider: openrouter
            refreshInterval: 15
            credentials: { type: api_key, value: "${OPENROUTER_KEY}" }
          - provider: kimi
            name: Kimi
            credentials:
              type: jwt
              value: \(kimiJWT)
          - provider: cursor
            refreshInterval: 0
            credentials:
              type: cookie
              value: "\(cursorCookie)"
          - provider: minimax
            name: MiniMax CN
            region: minimax_cn
            credentials: { type: api_key, value: mm-test-key-0001 }
          - id: relay_1
            provider: custom
            name: Team relay
            baseUrl: https://relay.example.test/v1
            options:
              path: /usage
              headers:
                Authorization: "\(customHeader)"
              percentField: data.used_percent
          - provider: demo
        """
}
