import Testing

@testable import AIMeterConfig

@Suite("Line numbers for later checks")
struct LineLookupTests {
    static let yaml = """
        server:
          port: 8080
        providers:
          - provider: demo
          - provider: custom
            options:
              headers:
                X-Team: blue
              items:
                - { name: a }
        """

    @Test("every written key path has its line; unknown paths fall back to the nearest ancestor")
    func lines() throws {
        let loaded = try ConfigLoader.loadDetailed(yaml: Self.yaml, environment: [:], sourcePath: nil)
        #expect(loaded.line(for: "server.port") == 2)
        #expect(loaded.line(for: "providers[1]") == 5)
        #expect(loaded.line(for: "providers[1].options") == 6)
        #expect(loaded.line(for: "providers[1].options.headers.X-Team") == 8)
        #expect(loaded.line(for: "providers[1].options.items[0].name") == 10)
        #expect(loaded.line(for: "providers[1].options.workspaceId") == 6, "absent option → the options line")
        #expect(loaded.line(for: "providers[0].credentials.type") == 4, "absent credentials → the entry line")
        #expect(loaded.line(for: "collector.socket") == nil, "never written")
    }
}
