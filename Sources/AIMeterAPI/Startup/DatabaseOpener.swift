import AIMeterStore
import Foundation

/// Opens the database read-only at startup, waiting for the collector to create and migrate it.
public enum DatabaseOpener {
    /// Why the API cannot start on this database.
    public struct Failure: Error, CustomStringConvertible {
        /// The message for the operator.
        public var description: String
    }

    /// Opens `path` read-only. A missing or not yet migrated database is retried every
    /// `pollInterval` seconds for up to `waitSeconds` (the collector creates it at its first
    /// start); a schema newer than this build, or any other error, fails at once.
    public static func open(
        path: String,
        waitSeconds: Double = 30,
        pollInterval: Double = 0.5,
        onWait: @Sendable (String) -> Void = { _ in }
    ) async throws -> AppDatabase {
        let deadline = ContinuousClock.now + .milliseconds(Int(waitSeconds * 1000))
        var announced = false
        while true {
            do {
                return try AppDatabase.openReader(path: path)
            } catch let error as StoreError {
                switch error {
                case .missingDatabase, .schemaNotReady:
                    guard ContinuousClock.now < deadline else {
                        throw Failure(
                            description: "database \(path) is not ready after \(Int(waitSeconds)) s (\(error)); "
                                + "start aimeter-collector, which creates and migrates it")
                    }
                    if !announced {
                        onWait("waiting for aimeter-collector to create and migrate \(path) (\(error))")
                        announced = true
                    }
                    try await Task.sleep(for: .milliseconds(Int(pollInterval * 1000)))
                case .schemaTooNew:
                    throw Failure(
                        description: "database \(path) was migrated by a newer aimeter (\(error)); upgrade aimeter-api")
                default:
                    throw Failure(description: "cannot open database \(path): \(error)")
                }
            } catch let failure as Failure {
                throw failure
            } catch is CancellationError {
                throw Failure(description: "startup cancelled while waiting for \(path)")
            } catch {
                throw Failure(description: "cannot open database \(path): \(error)")
            }
        }
    }
}
