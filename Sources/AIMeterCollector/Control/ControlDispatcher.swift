import AIMeterControl
import AIMeterCore
import AIMeterStore
import Foundation
import Logging

/// Turns one request line into one response: parses it, checks the parameters and runs the
/// operation. Every problem becomes an error response; nothing here can stop the daemon.
struct ControlDispatcher: Sendable {
    let runtime: CollectorRuntime

    /// Answers one line as received from the socket (without the newline).
    func respond(to line: String) async -> ControlResponse {
        let request: ControlRequest
        do {
            request = try ControlRequest.parse(line)
        } catch let error as ControlProtocolError {
            return .failure(id: error.id ?? "", code: error.code, message: error.message)
        } catch {
            return .failure(id: "", code: "INVALID_REQUEST", message: "\(error)")
        }
        return await handle(request)
    }

    /// Runs a parsed request.
    func handle(_ request: ControlRequest) async -> ControlResponse {
        guard let operation = ControlOperation(rawValue: request.op) else {
            let known = ControlOperation.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(id: request.id, code: "UNKNOWN_OPERATION", message: "Unknown operation \"\(request.op)\" (known: \(known))")
        }
        do {
            let result = try await run(operation, params: request.params)
            return .success(id: request.id, result: result)
        } catch {
            return .failure(id: request.id, code: error.code, message: error.message)
        }
    }

    private func run(_ operation: ControlOperation, params: JSONObject) async throws(ControlProtocolError) -> JSONValue {
        let secrets = SecretOperations(store: runtime.store, clock: runtime.clock)
        switch operation {
        case .ping:
            return ["pong": true, "version": .string(CollectorRuntime.version)]
        case .status:
            do {
                return try await runtime.statusReport()
            } catch {
                throw ControlProtocolError(code: "STORE_ERROR", message: "Cannot read the fetch state: \(StoreError.brief(error))")
            }
        case .refresh:
            let ids = try ControlParams.providerIds(params, strict: true)
            let results = await runtime.refresh(ids)
            return ["results": .array(results.map(\.json))]
        case .jobs:
            let ids = try ControlParams.providerIds(params, strict: false)
            return await runtime.runJobs(ids)
        case .rotateSecret:
            let which = try ControlParams.choice(params, key: "which", of: SecretOperations.Secret.self)
            return try secrets.rotateSecret(which, auth: runtime.config.auth)
        case .setPasswordHash:
            let role = try ControlParams.choice(params, key: "role", of: SecretOperations.Role.self)
            guard let hash = params["hash"]?.stringValue else {
                throw ControlProtocolError(code: "INVALID_PARAMS", message: "\"hash\" must be a string")
            }
            return try secrets.setPasswordHash(hash, role: role, auth: runtime.config.auth)
        }
    }
}

extension CollectorRuntime {
    /// The `refresh` operation over the current providers.
    func refresh(_ ids: [String]?) async -> [RefreshResult] {
        let refresh = ManualRefresh(store: store, coordinator: coordinator, clock: clock, logger: logger)
        return await refresh.refresh(ids, providers: await scheduler.providers)
    }

    /// The `jobs` operation: `ids` nil means every provider; unknown ids are ignored.
    func runJobs(_ ids: [String]?) async -> JSONValue {
        let providers = await scheduler.providers
        let selected = ids.map { ids in providers.filter { ids.contains($0.id) } } ?? providers
        return await JobsRun(store: store, coordinator: coordinator, clock: clock).run(selected)
    }
}
