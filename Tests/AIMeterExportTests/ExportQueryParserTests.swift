import AIMeterCore
import AIMeterExport
import Foundation
import Testing

@Suite struct ExportQueryParserTests {
    private func parse(
        format: String? = nil, pretty: String? = nil, timezone: String? = nil, providers: String? = nil,
        knownTypes: [ProviderType] = ProviderType.allCases
    ) -> Result<ExportQuery, ExportQueryError> {
        ExportQueryParser.parse(format: format, pretty: pretty, timezone: timezone, providers: providers, knownTypes: knownTypes)
    }

    private func error(_ result: Result<ExportQuery, ExportQueryError>) -> ExportQueryError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func absentParametersGiveAIMeterDefaults() throws {
        let query = try parse().get()
        #expect(query.format == .json)
        #expect(query.pretty)
        #expect(query.timezone == "UTC")
        #expect(query.timeZone.secondsFromGMT() == 0)
        #expect(query.providersRaw == "all")
        #expect(query.requestedProviders == nil)
        #expect(query.includes(.demo))
    }

    @Test func formatIsTrimmedAndCaseInsensitive() throws {
        #expect(try parse(format: " XML ").get().format == .xml)
        #expect(try parse(format: "Prometheus").get().format == .prometheus)
    }

    @Test func invalidFormatReportsNormalizedValueAndAllSixFormats() throws {
        let failure = try #require(error(parse(format: " YAML ")))
        #expect(failure.code == "INVALID_FORMAT")
        #expect(failure.message == "format must be one of: json, xml, table, markdown, csv, prometheus")
        #expect(failure.details.serialized() == #"{"received":"yaml"}"#)
        #expect(failure.status == 400)
    }

    @Test func formatIsCheckedBeforeEverythingElse() {
        let failure = error(parse(format: "pdf", pretty: "maybe", timezone: "Mars/Base", providers: "nope"))
        #expect(failure == .invalidFormat(received: "pdf"))
        #expect(error(parse(pretty: "maybe", timezone: "Mars/Base")) == .invalidPretty(received: "maybe"))
        #expect(error(parse(timezone: "Mars/Base", providers: "nope")) == .invalidTimezone(received: "Mars/Base"))
    }

    @Test(arguments: [("true", true), (" TRUE ", true), ("1", true), ("false", false), ("0", false), ("False", false)])
    func prettyAcceptsBooleansAndDigits(raw: String, expected: Bool) throws {
        #expect(try parse(pretty: raw).get().pretty == expected)
    }

    @Test(arguments: ["", " ", "yes", "2", "on"])
    func prettyRejectsEverythingElseWithTheRawValue(raw: String) throws {
        let failure = try #require(error(parse(pretty: raw)))
        #expect(failure.code == "INVALID_PRETTY")
        #expect(failure.message == "pretty must be a boolean value")
        #expect(failure.details == ["received": .string(raw)])
    }

    @Test(arguments: [
        "UTC", "utc", "GMT", "America/New_York", "america/new_york", "ASIA/SHANGHAI", "Asia/Calcutta", "Asia/Kolkata",
        "EST", "Etc/GMT+5", "etc/gmt-14", "US/Eastern", "us/pacific", "Europe/Kyiv",
    ])
    func timezoneAcceptsIANANamesAndAliasesCaseInsensitively(name: String) throws {
        let query = try parse(timezone: " \(name) ").get()
        #expect(query.timezone == name)  // echoed as given, only trimmed
    }

    @Test func timezoneResolvesToTheNamedZone() throws {
        let query = try parse(timezone: "america/new_york").get()
        #expect(query.timeZone.identifier == "America/New_York")
        #expect(try parse(timezone: "   ").get().timezone == "UTC")
    }

    @Test(arguments: ["+05:00", "UTC+8", "utc-3", "GMT+0800", "Z", "z", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/", "A B"])
    func timezoneRejectsOffsetsAndUnknownNames(name: String) throws {
        let failure = try #require(error(parse(timezone: name)))
        #expect(failure.code == "INVALID_TIMEZONE")
        #expect(failure.message == "timezone must be a valid IANA timezone string")
        #expect(failure.details.serialized() == "{\"received\":\(JSONValue.string(name).serialized())}")
    }

    @Test func providersAreSplitTrimmedAndDeduplicated() throws {
        let query = try parse(providers: " claude , kimi,,claude ").get()
        #expect(query.providersRaw == "claude , kimi,,claude")
        #expect(query.requestedProviders == [.claude, .kimi])
        #expect(query.includes(.kimi))
        #expect(!query.includes(.zai))
        #expect(try parse(providers: "  ").get().requestedProviders == nil)
    }

    @Test func providersAcceptAimeterTypesBeyondAIMeter() throws {
        #expect(try parse(providers: "codex-proxy,demo").get().requestedProviders == [.codexProxy, .demo])
        #expect(error(parse(providers: "gemini", knownTypes: ProviderType.aimeterTypes)) == .unknownProvider(invalidProviders: ["gemini"]))
    }

    @Test func providersWithoutItemsAreInvalid() throws {
        let failure = try #require(error(parse(providers: " , ,")))
        #expect(failure.code == "INVALID_PROVIDERS")
        #expect(failure.message == #"providers must be "all" or a non-empty comma-separated provider list"#)
        #expect(failure.details.serialized() == #"{"received":", ,"}"#)
    }

    @Test func unknownProvidersAreListedOnceInOrder() throws {
        let failure = try #require(error(parse(providers: "Claude,foo,kimi,foo,ALL")))
        #expect(failure.code == "UNKNOWN_PROVIDER")
        #expect(failure.message == "providers contains unsupported provider values")
        #expect(failure.details.serialized() == #"{"invalidProviders":["Claude","foo","ALL"]}"#)
        #expect(error(parse(providers: "all,claude")) == .unknownProvider(invalidProviders: ["all"]))
    }

    @Test func errorBodyIsPrettyPrintedWithDetails() throws {
        let failure = try #require(error(parse(providers: "ALL")))
        #expect(
            failure.responseBody == """
                {
                  "success": false,
                  "error": {
                    "code": "UNKNOWN_PROVIDER",
                    "message": "providers contains unsupported provider values",
                    "details": {
                      "invalidProviders": [
                        "ALL"
                      ]
                    }
                  }
                }
                """)
        #expect(
            ExportErrorBody.render(code: "INTERNAL_ERROR", message: "boom")
                == "{\n  \"success\": false,\n  \"error\": {\n    \"code\": \"INTERNAL_ERROR\",\n    \"message\": \"boom\"\n  }\n}")
    }
}
