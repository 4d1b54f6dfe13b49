/// AIMeter's password rules for the normal and admin passwords.
public enum PasswordPolicy {
    /// Minimum length in UTF-16 code units (JavaScript's `string.length`).
    public static let minimumLength = 12

    /// The first rule `password` breaks, with AIMeter's message, or nil when it is acceptable.
    ///
    /// Rules are checked in AIMeter's order: length, then a letter, then a digit. "Letter" and
    /// "digit" are ASCII, as in AIMeter's `/[A-Za-z]/` and `/\d/`.
    public static func violation(_ password: String) -> String? {
        if password.utf16.count < minimumLength {
            return "Password must be at least 12 characters"
        }
        if !password.unicodeScalars.contains(where: isASCIILetter) {
            return "Password must contain at least one letter"
        }
        if !password.unicodeScalars.contains(where: isASCIIDigit) {
            return "Password must contain at least one digit"
        }
        return nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
