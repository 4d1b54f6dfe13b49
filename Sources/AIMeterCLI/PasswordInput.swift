import AIMeterLogging
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a password from the terminal without echo, or one line from standard input.
enum PasswordInput {
    /// Reads a password. On a terminal it prompts twice (without echo) and insists the two match;
    /// otherwise (or with `fromStandardInput`) it reads the first line of standard input.
    static func read(prompt: String, fromStandardInput: Bool) -> String? {
        if fromStandardInput || isatty(STDIN_FILENO) == 0 {
            return readLine(strippingNewline: true)
        }
        guard let first = readHidden(prompt: prompt) else { return nil }
        guard let second = readHidden(prompt: "Repeat: ") else { return nil }
        guard first == second else {
            StandardError.print("aimeter: the two passwords differ")
            return nil
        }
        return first
    }

    /// Prompts on standard error and reads one line with terminal echo switched off.
    private static func readHidden(prompt: String) -> String? {
        StandardError.write(prompt)
        var original = termios()
        let haveTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if haveTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer {
            if haveTerminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
                StandardError.write("\n")
            }
        }
        return readLine(strippingNewline: true)
    }
}
