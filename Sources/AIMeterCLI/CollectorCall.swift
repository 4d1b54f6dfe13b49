import AIMeterControl
import AIMeterCore
import ArgumentParser

/// Sends one operation to the collector and maps transport failures to the documented exit codes.
enum CollectorCall {
    static func send(
        _ op: ControlOperation, params: JSONObject = JSONObject(), socketPath: String, timeout: Double = 120
    ) async throws -> JSONValue {
        do {
            return try await ControlClient(socketPath: socketPath, timeout: timeout).send(op, params: params)
        } catch let error as ControlClientError {
            switch error {
            case .unavailable(let reason):
                throw CLIExitCode.fail(CLIExitCode.collectorUnavailable, "collector socket \(socketPath) is not answering (\(reason))")
            case .timeout:
                throw CLIExitCode.fail(CLIExitCode.collectorTimeout, "the collector did not answer within \(Int(timeout)) s")
            case .protocolViolation(let reason):
                throw CLIExitCode.fail(CLIExitCode.failure, "unexpected answer from the collector: \(reason)")
            case .remote(let code, let message):
                throw CLIExitCode.fail(CLIExitCode.failure, "\(code): \(message)")
            }
        }
    }
}
