import Foundation
import Testing

@testable import AIMeterConfig

/// The configuration files in `config/` must stay loadable as the loader evolves.
@Suite("Shipped configuration files")
struct ShippedConfigTests {
    static let configDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config").path

    @Test("the demo configuration loads as is")
    func demo() throws {
        let config = try ConfigLoader.load(path: Self.configDirectory + "/aimeter.demo.yaml", environment: [:])
        #expect(!config.providers.isEmpty)
        #expect(config.providers.allSatisfy { $0.type == .demo })
    }

    @Test("the example's only problems are the secrets it expects the operator to provide")
    func example() throws {
        let path = Self.configDirectory + "/aimeter.example.yaml"
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        let unexpected = error.problems.filter {
            !$0.message.contains("does not exist") && !$0.message.contains("is not set")
        }
        #expect(unexpected.isEmpty, "\(unexpected)")
    }
}
