import AIMeterCore
import Foundation

/// The console gateway call `queryCodingPlanInstanceInfoV2`, built exactly as the console sends it.
enum AliyunGatewayRequest {
    /// The gateway API name.
    static let api = "zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2"
    /// Default origin of the console page (`sec_token` source).
    static let consoleOrigin = "https://bailian.console.aliyun.com"
    /// Default origin of the gateway.
    static let gatewayOrigin = "https://bailian-cs.console.aliyun.com"

    /// Path and query of the gateway endpoint.
    static let gatewayPath =
        "/data/api.json?action=BroadScopeAspnGateway&product=sfm_bailian&api=\(api)&_v=undefined"

    /// Path of the console page for `region` (also the Referer path).
    static func consolePath(region: String) -> String { "/\(region)/?tab=coding-plan" }

    /// The Referer (and `feURL` base): always the real console, whatever host is polled.
    static func referer(region: String) -> String { consoleOrigin + consolePath(region: region) }

    /// The form body `params=<JSON>&region=<region>&sec_token=<token>`.
    static func formBody(region: String, secToken: String, anonymousId: String, traceId: String) -> String {
        let params: JSONValue = [
            "Api": .string(api),
            "V": "1.0",
            "Data": [
                "queryCodingPlanInstanceInfoRequest": ["commodityCode": "sfm_codingplan_public_cn", "onlyLatestOne": true],
                "cornerstoneParam": [
                    "feTraceId": .string(traceId),
                    "feURL": .string(referer(region: region) + "#/efm/detail"),
                    "protocol": "V2",
                    "console": "ONE_CONSOLE",
                    "productCode": "p_efm",
                    "domain": "bailian.console.aliyun.com",
                    "consoleSite": "BAILIAN_ALIYUN",
                    "userNickName": "",
                    "userPrincipalName": "",
                    "xsp_lang": "zh-CN",
                    "X-Anonymous-Id": .string(anonymousId),
                ],
            ],
        ]
        return [("params", params.serialized()), ("region", region), ("sec_token", secToken)]
            .map { "\(formEncode($0.0))=\(formEncode($0.1))" }
            .joined(separator: "&")
    }

    /// WHATWG `application/x-www-form-urlencoded` byte serializer (what `URLSearchParams`
    /// writes): `A-Za-z0-9*-._` kept, space as `+`, every other UTF-8 byte as `%XX`.
    static func formEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }
}
