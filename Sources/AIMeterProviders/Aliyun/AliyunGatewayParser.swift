import AIMeterCore
import Foundation

/// Pure mapping of the gateway answer: envelope checks, then the first Coding Plan instance.
enum AliyunGatewayParser {
    /// Gateway error codes meaning the console session is gone or the `sec_token` is stale:
    /// both are fixed only by pasting a fresh cookie.
    static let authErrorCodes: Set<String> = ["ConsoleNeedLogin", "PostonlyOrTokenError", "NotLogin"]

    /// Path of the instance list inside the envelope.
    static let instancesPath = "data.DataV2.data.data.codingPlanInstanceInfos"

    /// Items and plan of a gateway body; throws the envelope's error when any check fails.
    static func parse(_ body: JSONValue) throws -> (items: [ProgressItem], plan: String) {
        try checkEnvelope(body)
        guard let instance = body["data"]?["DataV2"]?["data"]?["data"]?["codingPlanInstanceInfos"]?[0] else {
            throw ProviderError.upstreamError("No Coding Plan instance found in Aliyun response")
        }
        guard let quota = instance["codingPlanQuotaInfo"], quota.objectValue != nil else {
            throw ProviderError.decoding(path: "\(instancesPath)[0].codingPlanQuotaInfo", message: "missing quota data")
        }
        let windows: [(name: String, prefix: String, minutes: Double, desc: String)] = [
            ("Session", "per5Hour", 300, "5 hours window"),
            ("Weekly", "perWeek", 10080, "7 days window"),
            ("Monthly", "perBillMonth", 43200, "30 days window"),
        ]
        let items = windows.compactMap { window -> ProgressItem? in
            guard let limit = quota["\(window.prefix)TotalQuota"]?.doubleValue, limit > 0 else { return nil }
            let used = quota["\(window.prefix)UsedQuota"]?.doubleValue ?? 0
            let resetMs = quota["\(window.prefix)QuotaNextRefreshTime"]?.doubleValue ?? 0
            return ProgressItem(
                name: window.name,
                desc: window.desc,
                usedPercent: JSNumber.roundPercentage(used / limit * 100),
                remainingPercent: JSNumber.roundPercentage(max(limit - used, 0) / limit * 100),
                used: used,
                limit: limit,
                windowMinutes: window.minutes,
                resetsAt: resetMs > 0 ? Int64((resetMs / 1000).rounded(.down)) : nil
            )
        }
        let plan = instance["instanceName"]?.nonEmptyString ?? instance["planName"]?.nonEmptyString ?? "Coding Plan"
        return (items, plan)
    }

    /// Throws unless `code` is the **string** `"200"`, `data.success` is true, some `ret[]`
    /// entry starts with `SUCCESS` and `DataV2.data.failed` is falsy.
    static func checkEnvelope(_ body: JSONValue) throws {
        let data = body["data"]
        let dataV2 = data?["DataV2"]
        let ret = dataV2?["ret"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let isSuccess =
            body["code"]?.stringValue == "200" && data?["success"]?.boolValue == true
            && ret.contains(where: { $0.hasPrefix("SUCCESS") }) && !isTruthy(dataV2?["data"]?["failed"])
        guard !isSuccess else { return }
        let errorCode = data?["errorCode"]?.nonEmptyString ?? body["code"]?.nonEmptyString.flatMap { $0 == "200" ? nil : $0 }
        let message = String(
            (data?["errorMsg"]?.nonEmptyString ?? errorCode ?? ret.first ?? body["message"]?.nonEmptyString
                ?? "Aliyun gateway returned an unsuccessful response").prefix(200))
        if let errorCode, authErrorCodes.contains(errorCode) {
            throw ProviderError.authRequired("Aliyun console session rejected (\(errorCode)): \(message)")
        }
        throw ProviderError.upstreamError("Aliyun gateway error: \(message)")
    }

    /// JavaScript truthiness of an optional JSON value.
    static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null: false
        case .bool(let flag): flag
        case .number(let number): number != 0 && !number.isNaN
        case .string(let text): !text.isEmpty
        case .array, .object: true
        }
    }
}
