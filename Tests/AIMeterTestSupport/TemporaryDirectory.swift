import Foundation

/// A fresh directory under the system temp folder, removed when the value is released.
///
/// Unix socket paths must stay under 108 bytes, so the names are short.
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory.
    public let url: URL

    /// Creates the directory.
    public init(prefix: String = "am") throws {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    public func path(_ component: String) -> String {
        url.appendingPathComponent(component).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
