import AIMeterControl
import AIMeterCore
import AIMeterSecurity
import ArgumentParser

/// `aimeter passwd normal|admin`: sets a role's password through the collector (stored hashed
/// in the database; a hash in the config file still wins).
struct PasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set the password of the normal or admin role (through the collector's socket)."
    )

    enum Role: String, ExpressibleByArgument, CaseIterable {
        case normal, admin
    }

    @Argument(help: "Role whose password to set: normal or admin.")
    var role: Role

    @Flag(name: .long, help: "Read the password from the first line of standard input.")
    var stdin = false

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try options.load()
        guard let password = PasswordInput.read(prompt: "New \(role.rawValue) password: ", fromStandardInput: stdin) else {
            throw CLIExitCode.fail(CLIExitCode.invalidInput, "no password given")
        }
        if let violation = PasswordPolicy.violation(password) {
            throw CLIExitCode.fail(CLIExitCode.invalidInput, violation)
        }
        let params: JSONObject = {
            var object = JSONObject()
            object["role"] = .string(role.rawValue)
            object["hash"] = .string(PasswordHasher.hash(password))
            return object
        }()
        _ = try await CollectorCall.send(.setPasswordHash, params: params, socketPath: config.collector.socket)
        print("Password for the \(role.rawValue) role updated; existing \(role.rawValue) sessions are signed out.")
    }
}
