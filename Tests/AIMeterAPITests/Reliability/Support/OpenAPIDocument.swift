import Foundation
import Yams

/// What `docs/openapi.yaml` promises per operation: the status codes it may answer and whether
/// it goes through the collector (its 503 is the `CollectorUnavailable` response).
struct OpenAPIDocument: Sendable {
    /// One documented operation.
    struct Operation: Sendable {
        /// Documented status codes.
        var statuses: Set<Int>
        /// Whether the 503 answer is `COLLECTOR_UNAVAILABLE`.
        var documentsCollectorUnavailable: Bool
    }

    /// Operations keyed `METHOD /path/{param}`, as ``RouteCatalog/Route/openAPIKey``.
    var operations: [String: Operation]

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// Loads the project's spec.
    static func load() throws -> OpenAPIDocument {
        let yaml = try String(contentsOfFile: OpenAPITests.specPath, encoding: .utf8)
        guard let root = try Yams.load(yaml: yaml) as? [String: Any],
            let paths = root["paths"] as? [String: Any],
            let components = (root["components"] as? [String: Any])?["responses"] as? [String: Any]
        else { throw SpecError.missing("paths or components.responses") }
        var operations: [String: Operation] = [:]
        for (path, value) in paths {
            for (method, operation) in value as? [String: Any] ?? [:] where Self.methods.contains(method) {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                let statuses = Set(responses.keys.compactMap { Int($0) })
                let unavailable = responses["503"].map { Self.isCollectorUnavailable($0, components: components) } ?? false
                operations["\(method.uppercased()) \(path)"] = Operation(
                    statuses: statuses, documentsCollectorUnavailable: unavailable)
            }
        }
        return OpenAPIDocument(operations: operations)
    }

    /// A 503 response that is (or references, or names) `COLLECTOR_UNAVAILABLE`.
    static func isCollectorUnavailable(_ response: Any, components: [String: Any]) -> Bool {
        guard let response = response as? [String: Any] else { return false }
        if let reference = response["$ref"] as? String {
            let name = reference.components(separatedBy: "/").last ?? ""
            return name == "CollectorUnavailable" || isCollectorUnavailable(components[name] as Any, components: components)
        }
        return (response["description"] as? String)?.contains("COLLECTOR_UNAVAILABLE") == true
    }

    enum SpecError: Error {
        case missing(String)
    }
}
