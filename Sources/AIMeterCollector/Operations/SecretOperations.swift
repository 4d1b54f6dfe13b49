import AIMeterConfig
import AIMeterControl
import AIMeterCore
import AIMeterSecurity
import AIMeterStore
import Foundation

/// The `rotateSecret` and `setPasswordHash` operations. Values configured in config.yaml are
/// authoritative, so those operations refuse to shadow them with a database value.
struct SecretOperations: Sendable {
    let store: any CollectorStore
    let clock: any CollectorClock

    /// Secrets `rotateSecret` can renew.
    enum Secret: String, CaseIterable {
        case endpoint, cron, session

        var setting: CollectorSetting {
            switch self {
            case .endpoint: .endpointSecret
            case .cron: .cronSecret
            case .session: .sessionSecret
            }
        }
    }

    /// Roles `setPasswordHash` can set.
    enum Role: String, CaseIterable {
        case normal, admin

        var setting: CollectorSetting {
            switch self {
            case .normal: .normalPasswordHash
            case .admin: .adminPasswordHash
            }
        }
    }

    /// Generates, stores and returns a new secret (32 lowercase hex characters).
    func rotateSecret(_ which: Secret, auth: AuthConfig) throws(ControlProtocolError) -> JSONValue {
        let configured: String? =
            switch which {
            case .endpoint: auth.endpointSecret
            case .cron: auth.cronSecret
            case .session: nil
            }
        if configured != nil {
            throw ControlProtocolError(
                code: "READ_ONLY_SECRET",
                message: "The \(which.rawValue) secret is set in the configuration file; change it there")
        }
        let value = SecretGenerator.hex32()
        do {
            try store.setSetting(which.setting, to: value, at: clock.now())
        } catch {
            throw ControlProtocolError(code: "STORE_ERROR", message: "Cannot store the secret: \(StoreError.brief(error))")
        }
        return ["value": .string(value)]
    }

    /// Stores a password hash for `role`.
    func setPasswordHash(_ hash: String, role: Role, auth: AuthConfig) throws(ControlProtocolError) -> JSONValue {
        let configured = role == .normal ? auth.normalPasswordHash : auth.adminPasswordHash
        if configured != nil {
            throw ControlProtocolError(
                code: "READ_ONLY_AUTH",
                message: "The \(role.rawValue) password hash is set in the configuration file; change it there")
        }
        guard PasswordHasher.isWellFormed(hash) else {
            throw ControlProtocolError(code: "INVALID_PARAMS", message: "\"hash\" is not a well-formed password hash (pbkdf2_sha256$...)")
        }
        do {
            try store.setSetting(role.setting, to: hash, at: clock.now())
        } catch {
            throw ControlProtocolError(code: "STORE_ERROR", message: "Cannot store the password hash: \(StoreError.brief(error))")
        }
        return .object(JSONObject())
    }
}
