/// Shape checks for configured secrets. Each returns a message for the problem, or nil when
/// the value is acceptable; messages describe the value (its length) but never contain it.
enum SecretRules {
    /// Placeholder fragments from AIMeter's templates; a secret containing one was never filled in.
    static let placeholders = ["replace-with", "change-me"]

    /// AIMeter's WEAK_ENDPOINT_SECRET / WEAK_CRON_SECRET rule: exactly 32 characters (UTF-16
    /// code units, as JavaScript counts) and no template placeholder.
    static func sharedSecretProblem(_ value: String) -> String? {
        if let placeholder = placeholder(in: value) {
            return "still contains the template placeholder \"\(placeholder)\"; generate one with `openssl rand -hex 16`"
        }
        let length = value.utf16.count
        guard length == 32 else {
            return "must be exactly 32 characters (it has \(length)); generate one with `openssl rand -hex 16`"
        }
        return nil
    }

    /// Bearer tokens and encryption keys: long enough to resist guessing, and not a placeholder.
    static func longSecretProblem(_ value: String, minimum: Int) -> String? {
        if let placeholder = placeholder(in: value) {
            return "still contains the template placeholder \"\(placeholder)\""
        }
        let length = value.utf16.count
        guard length >= minimum else {
            return "must be at least \(minimum) characters (it has \(length)); generate one with `openssl rand -hex 32`"
        }
        return nil
    }

    /// A stored password hash in AIMeter's format: `pbkdf2_sha256$<iterations>$<salt>$<digest>`
    /// (base64url digest of 32 bytes) or the legacy 64-hex SHA-256.
    static func passwordHashProblem(_ value: String) -> String? {
        if isLegacyHex(value) { return nil }
        let parts = value.split(separator: "$", omittingEmptySubsequences: false)
        let expected =
            "must be a hash printed by `aimeter hash-password` (pbkdf2_sha256$<iterations>$<salt>$<digest>) or a 64-hex legacy SHA-256"
        guard parts.count == 4, parts[0] == "pbkdf2_sha256" else {
            return "is not a password hash; it \(expected)"
        }
        guard let iterations = Int(parts[1]), (1...10_000_000).contains(iterations), parts[1].allSatisfy(\.isASCII) else {
            return "has an invalid iteration count (expected an integer from 1 to 10000000)"
        }
        guard !parts[2].isEmpty, parts[2].allSatisfy(isSaltCharacter) else {
            return "has an empty or malformed salt; it \(expected)"
        }
        guard parts[3].count == 43, parts[3].allSatisfy(isBase64URL) else {
            return "has a malformed digest (expected 43 base64url characters); it \(expected)"
        }
        return nil
    }

    /// Whether the value is 64 hexadecimal digits.
    static func isLegacyHex(_ value: String) -> Bool {
        value.utf8.count == 64 && value.allSatisfy(\.isHexDigit)
    }

    private static func placeholder(in value: String) -> String? {
        let lowered = value.lowercased()
        return placeholders.first { lowered.contains($0) }
    }

    private static func isBase64URL(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    // AIMeter writes the salt as base64url text; accept standard base64 too, it is only compared as text.
    private static func isSaltCharacter(_ character: Character) -> Bool {
        isBase64URL(character) || character == "+" || character == "/" || character == "=" || character == "."
    }
}
