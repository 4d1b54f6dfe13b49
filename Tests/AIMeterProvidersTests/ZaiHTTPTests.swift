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
        let upstream = try await MockUpstream.start()
        upstream.route("GET", ZaiAdapter.quotaPath, .json(try H.data("zai/quota-limit.json")))
        let snapshot = try await adapter.fetch(
            H.context(.zai, credentials: .apiKey("zai-key.1"), baseURL: upstream.baseURL, region: "zai_bigmodel_cn"))
        let requests = upstream.requests
        await upstream.stop()

        #expect(requests.map(\.path) == [ZaiAdapter.quotaPath])
        #expect(requests.first?.method == "GET")
        #expect(requests.first?.header("Authorization") == "Bearer zai-key.1")
        #expect(requests.first?.header("Accept") == "application/json")
        #expect(snapshot.items.map(\.name) == ["Session", "Weekly", "Web Searches"])
        #expect(snapshot.identity?.plan == "Max")
        #expect(snapshot.cost == nil)
    }

    @Test func errorsHiddenInHTTP200AreDetected() async throws {
        let upstream = try await MockUpstream.start()
        upstream.route("GET", ZaiAdapter.quotaPath, .json(try H.data("zai/quota-limit.error.json")))
        let auth = await H.fetchError(adapter, H.context(.zai, credentials: .apiKey("k"), baseURL: upstream.baseURL))
        upstream.route("GET", ZaiAdapter.quotaPath, .json(try H.data("zai/quota-limit.error-500.json")))
        let other = await H.fetchError(adapter, H.context(.zai, credentials: .apiKey("k"), baseURL: upstream.baseURL))
        upstream.route("GET", ZaiAdapter.quotaPath, .json("  \n"))
        let empty = await H.fetchError(adapter, H.context(.zai, credentials: .apiKey("k"), baseURL: upstream.baseURL))
        await upstream.stop()

        #expect(auth?.isAuthRequired == true)
        #expect(auth?.message.contains("Authentication Token expired") == true)
        #expect(other == .upstreamError("z.ai error: Internal Error (code: 500)"))
        #expect(empty?.code == "UPSTREAM_ERROR")
    }

    @Test(arguments: KeysAndBalancesFailure.allCases)
    func failuresMapToProviderErrors(_ failure: KeysAndBalancesFailure) async throws {
        let error = try await H.failure(failure, adapter: adapter, credentials: .apiKey("zai-secret"), method: "GET", path: ZaiAdapter.quotaPath)
        #expect(failure.isExpected(error), "\(String(describing: error))")
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
