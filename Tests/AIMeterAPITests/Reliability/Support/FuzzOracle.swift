import AIMeterCore

/// Judges one fuzz answer against the contract: no 5xx except `503 COLLECTOR_UNAVAILABLE` on a
/// write-type route (the fuzz runs without a collector), every error in the JSON envelope, JSON
/// successes parse, and every status is one `docs/openapi.yaml` documents for the operation (plus
/// the globally documented `400 INVALID_JSON` and `413`); unrouted requests are 404 or 405 with `Allow`.
/// A request that is not valid HTTP/1.1 never reaches the routes: the HTTP layer answers a bare
/// `400` and closes the connection, and that is all the oracle expects of it.
struct FuzzOracle: Sendable {
    let catalog: RouteCatalog
    let spec: OpenAPIDocument
    /// Keys of the routes that go through the collector.
    let writeRoutes: Set<String>

    /// What is wrong with the answer to `request`, or nil.
    func problem(_ request: FuzzRequest, _ response: RawHTTP.Response?) -> String? {
        guard let response else { return "the server closed the connection without answering" }
        if request.isMalformedHTTP {
            return response.status == 400 && response.body.isEmpty ? nil : "invalid HTTP answered \(response.status)"
        }
        let route = catalog.route(method: request.method, path: request.path)
        let code = response.json["error"]?["code"]?.stringValue
        if response.status >= 500 {
            let isWrite = route.map { writeRoutes.contains($0.key) } ?? false
            guard response.status == 503, isWrite, code == "COLLECTOR_UNAVAILABLE" else {
                return "server error \(response.status): \(response.text.prefix(300))"
            }
        }
        if request.method != "HEAD", response.status >= 400, let problem = ErrorEnvelope.problem(response) {
            return "\(response.status): \(problem)"
        }
        if (200..<300).contains(response.status), response.header("content-type")?.hasPrefix("application/json") == true,
            (try? JSONValue.parse(response.text)) == nil
        {
            return "\(response.status) with a JSON content type but an unparsable body"
        }
        // The body is read (and capped) before routing, as Express's json parser runs first.
        if response.status == 413 || (response.status == 400 && code == "INVALID_JSON") { return nil }
        guard let route else {
            if response.status == 405, response.header("allow")?.isEmpty != false { return "405 without Allow" }
            return [404, 405].contains(response.status) ? nil : "unrouted request answered \(response.status)"
        }
        let allowed = spec.operations[route.openAPIKey]?.statuses ?? []
        return allowed.contains(response.status) ? nil : "\(route.openAPIKey) answered undocumented \(response.status) \(code ?? "")"
    }
}
