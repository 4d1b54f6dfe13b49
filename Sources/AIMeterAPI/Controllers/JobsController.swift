import AIMeterCore
import Foundation
import Hummingbird

/// `POST /api/system/jobs/refresh`: AIMeter's cron route, guarded by `x-aimeter-cron-secret`;
/// the collector runs the due-gated batch and its answer is returned verbatim.
public struct JobsController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [APIRoute(.post, "/api/system/jobs/refresh", handler: refresh)]
    }

    @Sendable func refresh(_ request: Request, context: APIRequestContext) async throws -> Response {
        try services.authenticator().requireCronSecret(request)
        var params = JSONObject()
        // As AIMeter: an array selects providers (ids as strings, trimmed, empties dropped);
        // anything else means all providers.
        if let list = context.jsonBody?["providerIds"]?.arrayValue {
            let ids = list.compactMap { value -> String? in
                let text = value.stringValue ?? value.doubleValue.map { JSNumber.format($0) } ?? value.boolValue.map { "\($0)" }
                let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                return trimmed.isEmpty ? nil : trimmed
            }
            params["providerIds"] = .array(ids.map { .string($0) })
        }
        let data = try await services.collector.send(.jobs, params: params)
        return APIResponse.success(data)
    }
}
