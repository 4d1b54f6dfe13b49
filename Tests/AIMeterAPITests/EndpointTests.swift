import AIMeterAPI
import AIMeterCore
import AIMeterExport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct EndpointTests {
    static let secret = ["x-aimeter-endpoint-secret": TestEnvironment.endpointSecret]

    /// What the renderer makes of the seeded data (the renderer has its own golden tests).
    static func rendered(_ env: TestEnvironment, query: String, format: ExportFormat) throws -> ExportDocument {
        let raw = QueryString(query)
        let parsed = try ExportQueryParser.parse(
            format: raw.single("format"), pretty: raw.single("pretty"), timezone: raw.single("timezone"),
            providers: raw.single("providers")
        ).get()
        #expect(parsed.format == format)
        let inputs = try ExportEntries.inputs(database: env.reader, now: 1_741_824_000).filtered(parsed)
        return SubscriptionExport.render(
            entries: inputs.entries, query: parsed, now: 1_741_824_000, states: inputs.states, version: APIServer.version)
    }

    @Test(arguments: [
        ("", ExportFormat.json), ("format=json&pretty=false", .json), ("format=xml&pretty=true", .xml),
        ("format=csv", .csv), ("format=markdown&providers=claude,kimi&timezone=America/New_York", .markdown),
        ("format=table&timezone=America/New_York", .table), ("format=MARKDOWN&pretty=0&timezone=Asia/Shanghai", .markdown),
        ("format=prometheus", .prometheus),
    ])
    func servesTheRendererOutputWithItsContentType(query: String, format: ExportFormat) async throws {
        let env = try ProxyTests.seeded()
        let expected = try Self.rendered(env, query: query, format: format)
        try await env.test { client in
            let response = try await client.send(.get, "/api/endpoint/subscriptions?" + query, headers: Self.secret)
            #expect(response.status == .ok)
            #expect(response.text == expected.body)
            #expect(response.header("Content-Type") == expected.contentType)
            #expect(response.header("ETag")?.hasPrefix("W/\"") == true)
        }
    }

    @Test func compactJSONMatchesAIMetersShape() async throws {
        let env = try TestEnvironment(providers: [SampleData.claude, SampleData.kimi])
        try env.store(SampleData.claudeItems, cost: SampleData.claudeCost, plan: "Pro", for: "prov_claude", age: 0)
        try await env.test { client in
            let response = try await client.send(.get, "/api/endpoint/subscriptions?pretty=false", headers: Self.secret)
            #expect(
                response.text
                    == #"{"success":true,"timestamp":1741824000,"query":{"providers":"all","format":"json","pretty":false,"timezone":"UTC"},"providers":[{"id":"prov_claude","provider":"claude","name":"My Claude","identity":{"plan":"Pro"},"progress":[{"name":"Session","desc":"5 hours window","usedPercent":46,"remainingPercent":55,"used":225,"limit":500,"windowMinutes":300,"resetsAt":1741910400,"resetDescription":"Resets in 5h"},{"name":"Weekly","desc":"1 week window for Opus","usedPercent":12,"remainingPercent":null,"used":null,"limit":null,"windowMinutes":10080,"resetsAt":null}],"cost":{"used":12.5,"limit":100,"remaining":87.5,"currency":"USD","period":"monthly"},"updatedAt":1741824000},{"id":"prov_kimi","provider":"kimi","code":"UNKNOWN","message":"No latest progress data","timestamp":1741824000}],"summary":{"total":2,"providersWithUsage":1,"errors":1,"averageUsedPercent":46}}"#
            )
        }
    }

    @Test func sessionsWorkToo() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            let cookie = try await client.login(.normal)
            let response = try await client.send(.get, "/api/endpoint/subscriptions?format=csv", cookie: cookie)
            #expect(response.status == .ok)
            #expect(response.text.hasPrefix("id,provider,name,status,"))
        }
    }

    @Test func unauthenticatedIsCompact401BeforeValidation() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            for headers in [[:], ["x-aimeter-endpoint-secret": "wrong"], ["x-aimeter-cron-secret": TestEnvironment.cronSecret]] {
                let response = try await client.send(.get, "/api/endpoint/subscriptions?format=nope", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.text == #"{"success":false,"error":{"code":"UNAUTHORIZED","message":"Authentication required"}}"#)
            }
        }
    }

    @Test func validationErrorsArePrettyWithDetails() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            let format = try await client.send(.get, "/api/endpoint/subscriptions?format=%20YAML%20", headers: Self.secret)
            #expect(format.status == .badRequest)
            #expect(format.header("Content-Type") == "application/json; charset=utf-8")
            #expect(format.text == ExportQueryError.invalidFormat(received: "yaml").responseBody)
            #expect(format.text.contains("\n  \"error\": {"))
            let cases: [(String, String)] = [
                ("pretty=", "INVALID_PRETTY"), ("timezone=Mars/Base", "INVALID_TIMEZONE"), ("providers=,", "INVALID_PROVIDERS"),
                ("providers=claude,prov_claude", "UNKNOWN_PROVIDER"), ("providers=ALL", "UNKNOWN_PROVIDER"),
            ]
            for (query, code) in cases {
                let response = try await client.send(.get, "/api/endpoint/subscriptions?" + query, headers: Self.secret)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.errorCode == code, "\(query)")
                #expect(response.json["error"]?["details"] != nil, "\(query)")
            }
            let unknown = try await client.send(.get, "/api/endpoint/subscriptions?providers=claude,prov_claude", headers: Self.secret)
            #expect(unknown.json["error"]?["details"]?.serialized() == #"{"invalidProviders":["prov_claude"]}"#)
        }
    }

    @Test func entityTagGives304UntilTheDataChanges() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            let first = try await client.send(.get, "/api/endpoint/subscriptions?format=csv", headers: Self.secret)
            let tag = try #require(first.header("ETag"))
            // The request time is part of the body but not of the tag.
            env.advance(seconds: 30)
            var headers = Self.secret
            headers["If-None-Match"] = tag
            let cached = try await client.send(.get, "/api/endpoint/subscriptions?format=csv", headers: headers)
            #expect(cached.status == .notModified)
            #expect(cached.body.readableBytes == 0)
            #expect(cached.header("ETag") == tag)
            // Another format is another representation.
            let json = try await client.send(.get, "/api/endpoint/subscriptions?format=json", headers: headers)
            #expect(json.status == .ok)
            // New data, new tag.
            try env.store(SampleData.openrouterItems, for: "prov_kimi", age: 0)
            let changed = try await client.send(.get, "/api/endpoint/subscriptions?format=csv", headers: headers)
            #expect(changed.status == .ok)
            #expect(changed.header("ETag") != tag)
        }
    }

    @Test func rotatedEndpointSecretWorksAtOnce() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            try env.writer.setSetting(.endpointSecret, to: "1".repeated(32), at: env.currentTime)
            #expect(try await client.send(.get, "/api/endpoint/subscriptions", headers: Self.secret).status == .unauthorized)
            let fresh = try await client.send(
                .get, "/api/endpoint/subscriptions", headers: ["X-AIMeter-Endpoint-Secret": "1".repeated(32)])
            #expect(fresh.status == .ok)
        }
    }
}
