import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("z.ai over HTTP")
struct ZaiHTTPTests {
    typealias H = KeysAndBalancesHarness
    let adapter = ZaiAdapter()

    @Test func quotaRequestCarriesTheBearerKey() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .apiKey("zai-key.1"), region: "zai_bigmodel_cn") { upstream in
            upstream.route("GET", ZaiAdapter.quotaPath, .json(try H.data("zai/quota-limit.json")))
        }

        #expect(requests.map(\.path) == [ZaiAdapter.quotaPath])
        #expect(requests.first?.method == "GET")
        #expect(requests.first?.header("Authorization") == "Bearer zai-key.1")
        #expect(requests.first?.header("Accept") == "application/json")
        #expect(snapshot.items.map(\.name) == ["Session", "Weekly", "Web Searches"])
        #expect(snapshot.identity?.plan == "Max")
        #expect(snapshot.cost == nil)
    }

    @Test func errorsHiddenInHTTP200AreDetected() async throws {
        let errors = try await H.fetchErrors(
            adapter, credentials: .apiKey("k"), path: ZaiAdapter.quotaPath,
            serving: [.json(try H.data("zai/quota-limit.error.json")), .json(try H.data("zai/quota-limit.error-500.json")), .json("  \n")])
        try #require(errors.count == 3)
        let (auth, other, empty) = (errors[0], errors[1], errors[2])

        #expect(auth?.isAuthRequired == true)
        #expect(auth?.message.contains("Authentication Token expired") == true)
        #expect(other == .upstreamError("z.ai error: Internal Error (code: 500)"))
        #expect(empty?.code == "UPSTREAM_ERROR")
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(failure, adapter: adapter, credentials: .apiKey("zai-secret"), path: ZaiAdapter.quotaPath)
    }

    @Test func originsFollowTheRegion() {
        #expect(ZaiRegion.global.origin == "https://api.z.ai")
        #expect(ZaiRegion.bigmodelCN.origin == "https://open.bigmodel.cn")
    }

    @Test func defaultHostsFollowTheRegion() async {
        #expect(await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k")) == ["https://api.z.ai" + ZaiAdapter.quotaPath])
        let china = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k"), region: "zai_bigmodel_cn")
        #expect(china == ["https://open.bigmodel.cn" + ZaiAdapter.quotaPath])
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.zai, credentials: .apiKey("k"), region: "zai_global")).isEmpty)
        #expect(adapter.validate(H.config(.zai, credentials: .apiKey("k"), region: "bigmodel-cn")).isEmpty)
        #expect(adapter.validate(H.config(.zai, credentials: nil)) == ["credentials: required for provider zai (api_key)"])
        let problems = adapter.validate(H.config(.zai, credentials: .cookie("a=b"), region: "moon", options: ["x": 1]))
        #expect(problems.count == 3)
    }
}
