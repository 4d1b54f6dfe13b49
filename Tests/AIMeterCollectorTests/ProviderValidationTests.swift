import Testing

@testable import AIMeterCollector

@Suite struct ProviderValidationTests {
    @Test func adapterProblemsGetFullKeyPaths() {
        let problem = ProviderValidation.locate("options.profile: must be one of a, b", under: "providers[2]")
        #expect(problem.keyPath == "providers[2].options.profile")
        #expect(problem.message == "must be one of a, b")
        let loose = ProviderValidation.locate("credentials are missing", under: "providers[0]")
        #expect(loose.keyPath == "providers[0]")
        #expect(loose.message == "credentials are missing")
    }
}
