import Foundation

/// Locates the executables `swift build` produced, for tests that run the real binaries.
public enum BuiltBinaries {
    /// The directory holding `aimeter-collector`, `aimeter-api` and `aimeter`: `$AIMETER_BIN_DIR`
    /// when set, else the build directory the test bundle itself was built into.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["AIMETER_BIN_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        // The test bundle lives in .build/<triple>/debug/aimeterPackageTests.xctest (Linux: a file).
        var candidate = Bundle.main.bundleURL
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("aimeter-collector").path) {
                return candidate
            }
            candidate = candidate.deletingLastPathComponent()
        }
        let argumentDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return argumentDirectory
    }

    /// Full path of one binary.
    public static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }
}
