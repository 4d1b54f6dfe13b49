import Foundation

extension KeySchema {
    static let database = KeySchema(
        subject: "database settings",
        keys: ["path", "encryptionKey", "encryptionKeyFile"],
        renamed: [
            "connection": "AIMeter's database.connection is called database.path in aimeter (a SQLite file path)",
            "engine": "aimeter always uses SQLite; remove database.engine",
            "cfHyperdriveBinding": "aimeter does not run on Cloudflare; remove database.cfHyperdriveBinding",
        ])
    static let collector = KeySchema(
        subject: "collector settings",
        keys: ["socket", "concurrency", "requestTimeoutSeconds", "retentionDays"])
}

extension ConfigDecoder {
    /// Longest Unix socket path the kernel accepts (`sun_path` is 108 bytes including the NUL).
    static let maxSocketPathBytes = 107

    mutating func decodeDatabase(_ node: ConfigNode?) -> DatabaseConfig {
        let map = mapping(node, at: "database", schema: .database)
        var database = DatabaseConfig()
        if let path = string(map, "path", env: "AIMETER_DATABASE_PATH") {
            database.path = path
        }
        if let key = secret(map, "encryptionKey", fileKey: "encryptionKeyFile", env: "AIMETER_ENCRYPTION_KEY") {
            if let problem = SecretRules.longSecretProblem(key, minimum: Self.minimumTokenLength) {
                let keyPath = map.path("encryptionKey")
                report(keyPath, problem + originSuffix(keyPath), line: secretLine(map, "encryptionKey"))
            } else {
                database.encryptionKey = key
            }
        }
        return database
    }

    mutating func decodeCollector(_ node: ConfigNode?) -> CollectorConfig {
        let map = mapping(node, at: "collector", schema: .collector)
        var collector = CollectorConfig()
        if let socket = string(map, "socket", env: "AIMETER_COLLECTOR_SOCKET") {
            if socket.utf8.count > Self.maxSocketPathBytes {
                report(
                    map.path("socket"), "is \(socket.utf8.count) bytes long; Unix socket paths are limited to 107 bytes",
                    line: map["socket"]?.line)
            } else {
                collector.socket = socket
            }
        }
        if let value = integer(map, "concurrency", env: "AIMETER_COLLECTOR_CONCURRENCY", range: 1...256) {
            collector.concurrency = value
        }
        if let value = number(map, "requestTimeoutSeconds", env: "AIMETER_REQUEST_TIMEOUT_SECONDS", range: 1...300) {
            collector.requestTimeoutSeconds = value
        }
        if let value = integer(map, "retentionDays", env: "AIMETER_RETENTION_DAYS", range: 1...Int.max) {
            collector.retentionDays = value
        }
        return collector
    }
}
