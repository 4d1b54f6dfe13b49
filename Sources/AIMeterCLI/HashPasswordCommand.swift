import AIMeterSecurity
import ArgumentParser

/// `aimeter hash-password`: prints an AIMeter-compatible PBKDF2 hash for the config file.
struct HashPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Hash a password for auth.normalPasswordHash / auth.adminPasswordHash (reads without echo, or from stdin)."
    )

    @Flag(name: .long, help: "Read the password from the first line of standard input.")
    var stdin = false

    func run() throws {
        guard let password = PasswordInput.read(prompt: "Password: ", fromStandardInput: stdin) else {
            throw CLIExitCode.fail(CLIExitCode.invalidInput, "no password given")
        }
        if let violation = PasswordPolicy.violation(password) {
            throw CLIExitCode.fail(CLIExitCode.invalidInput, violation)
        }
        print(PasswordHasher.hash(password))
    }
}
