import AIMeterCore
import Testing

@testable import AIMeterConfig

@Suite("Provider ids and display order")
struct ProviderIDTests {
    @Test("the derived id is the first 32 hex characters of SHA-256(\"aimeter:<provider>:<name>\")")
    func knownValues() {
        #expect(ProviderID.derive(type: .claude, name: "Work Claude") == "9ebf0953f9e4b851e8e1ba93c7f84c44")
        #expect(ProviderID.derive(type: .demo, name: nil) == "accf3a16ed25b642ab9ac34951255400")
        #expect(ProviderID.derive(type: .kimi, name: "Kimi") == "e0015c6c201a2cbcb5fbccd587b182b0")
    }

    @Test("derived ids survive reordering; displayOrder follows the file")
    func stableAcrossReordering() throws {
        let a = "  - { provider: claude, name: Work Claude }\n"
        let b = "  - { provider: kimi, name: Kimi }\n"
        let c = "  - { provider: demo }\n"
        let first = try loadConfig("providers:\n" + a + b + c).providers
        let second = try loadConfig("providers:\n" + c + a + b).providers
        #expect(Set(first.map(\.id)) == Set(second.map(\.id)))
        #expect(first.map(\.id) == ["9ebf0953f9e4b851e8e1ba93c7f84c44", "e0015c6c201a2cbcb5fbccd587b182b0", "accf3a16ed25b642ab9ac34951255400"])
        #expect(second.map(\.displayOrder) == [1, 2, 3])
        #expect(second[0].type == .demo)
    }

    @Test("different names or types give different ids; the provider type is case-insensitive")
    func distinct() throws {
        let providers = try loadConfig(
            "providers:\n  - { provider: claude, name: A }\n  - { provider: claude, name: B }\n  - { provider: Codex, name: A }\n").providers
        #expect(Set(providers.map(\.id)).count == 3)
        #expect(providers[2].type == .codex)
        #expect(providers[2].id == ProviderID.derive(type: .codex, name: "A"))
    }

    @Test("two entries deriving the same id are told to use distinct names or explicit ids")
    func duplicateDerived() throws {
        let found = problems("providers:\n  - provider: demo\n  - provider: zai\n  - provider: demo\n")
        #expect(found.map(\.keyPath) == ["providers[2]"])
        #expect(found.first?.message.contains("same as providers[0]'s") == true)
        #expect(found.first?.message.contains("give the entries distinct names or explicit ids") == true)
        #expect(found.first?.line == 4)
    }

    @Test("explicit duplicate ids, including one equal to another entry's derived id, are reported")
    func duplicateExplicit() throws {
        let derived = ProviderID.derive(type: .demo, name: nil)
        let yaml = "providers:\n  - { id: main, provider: zai }\n  - { id: main, provider: kimi }\n  - provider: demo\n  - { id: \(derived), provider: claude }\n"
        let found = problems(yaml)
        #expect(found.map(\.keyPath) == ["providers[1].id", "providers[3].id"])
        #expect(found[0].message == "duplicate id \"main\", already used by providers[0]")
        #expect(found[1].message.contains("already used by providers[2]"))
    }

    @Test("explicit ids are kept and validated", arguments: ["a", "prov_abc123", "A-b_9", String(repeating: "q", count: 64)])
    func validIDs(id: String) throws {
        #expect(ProviderID.isValid(id))
        #expect(try loadConfig("providers:\n  - { provider: demo, id: \(id) }\n").providers[0].id == id)
    }

    @Test("invalid ids", arguments: ["", "a b", "ü", "a/b", "a.b", String(repeating: "q", count: 65)])
    func invalidIDs(id: String) {
        #expect(!ProviderID.isValid(id))
    }
}
