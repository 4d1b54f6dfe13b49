/// Which z.ai site an API key belongs to. Keys are bound to their site.
enum ZaiRegion: String, Sendable, CaseIterable {
    /// api.z.ai (international GLM Coding Plan).
    case global
    /// open.bigmodel.cn (Zhipu BigModel, mainland China).
    case bigmodelCN

    /// The `region` values accepted in the config, lower-cased.
    static let acceptedValues: [String: ZaiRegion] = [
        "zai_global": .global, "global": .global,
        "zai_bigmodel_cn": .bigmodelCN, "bigmodel-cn": .bigmodelCN, "cn": .bigmodelCN, "china": .bigmodelCN,
    ]

    /// The region of a config value: absent or blank is global; unknown values give nil.
    static func resolve(_ value: String?) -> ZaiRegion? {
        guard let text = value?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return .global }
        return acceptedValues[text]
    }

    /// The API origin.
    var origin: String {
        switch self {
        case .global: "https://api.z.ai"
        case .bigmodelCN: "https://open.bigmodel.cn"
        }
    }
}
