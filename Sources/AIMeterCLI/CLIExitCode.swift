import AIMeterLogging
import ArgumentParser

/// Exit statuses scripts can rely on (BSD sysexits where one fits).
public enum CLIExitCode {
    /// Everything worked.
    public static let success: Int32 = 0
    /// A generic failure (database unreadable, remote error).
    public static let failure: Int32 = 1
    /// `status --fail-above` found an item above the threshold.
    public static let thresholdExceeded: Int32 = 2
    /// Invalid input such as a password that breaks the policy (EX_DATAERR).
    public static let invalidInput: Int32 = 65
    /// The collector's socket did not answer (EX_UNAVAILABLE).
    public static let collectorUnavailable: Int32 = 69
    /// The collector answered too slowly (EX_TEMPFAIL).
    public static let collectorTimeout: Int32 = 75
    /// The configuration is invalid (EX_CONFIG).
    public static let configError: Int32 = 78

    /// Leaves the command with `code` after printing `message` to standard error.
    static func fail(_ code: Int32, _ message: String) -> ExitCode {
        StandardError.print("aimeter: \(message)")
        return ExitCode(code)
    }
}
