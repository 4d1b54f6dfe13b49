import AIMeterCore

/// Everything a `custom` provider entry configures: the request and how to read the answer.
/// Built once from `options`; every problem is reported by ``read(_:)`` so that a bad mapping
/// stops the collector at start instead of failing at poll time.
struct CustomMapping: Sendable, Equatable {
    static let optionKeys: Set<String> = [
        "url", "path", "method", "body", "headers", "authHeader", "items", "cost", "plan", "errorPath",
    ]

    var request: CustomRequestSpec
    var items: [CustomItemMapping]
    var cost: CustomCostMapping?
    /// Where the plan label is.
    var plan: ResponsePath?
    /// Where an error hidden in a 2xx answer is (e.g. `error.message`).
    var errorPath: ResponsePath?

    /// The mapping of `config`, or the problems (each `options.<key path>: message`).
    static func read(_ config: ProviderConfig) -> Result<CustomMapping, CustomMappingProblems> {
        var reader = CustomOptionReader()
        for key in config.options.keys.sorted() where !optionKeys.contains(key) {
            reader.problem("options.\(key)", "unknown option for provider custom")
        }
        let request = CustomRequestSpec.read(config, reader: &reader)
        var items: [CustomItemMapping] = []
        if let value = config.options["items"] {
            if let list = value.arrayValue {
                for (index, entry) in list.enumerated() {
                    guard let item = CustomItemMapping.read(entry, index: index, reader: &reader) else { continue }
                    if items.contains(where: { $0.name == item.name }) {
                        reader.problem("options.items[\(index)].name", "duplicate item name \(item.name)")
                    }
                    items.append(item)
                }
            } else {
                reader.problem("options.items", "must be a list of items")
            }
        }
        let cost = CustomCostMapping.read(config.options["cost"], reader: &reader)
        let itemsValue = config.options["items"]
        if config.options["cost"] == nil && (itemsValue == nil || itemsValue?.arrayValue?.isEmpty == true) {
            reader.problem("options.items", "map at least one item (or options.cost)")
        }
        let plan = reader.path(config.options["plan"], at: "options.plan")
        let errorPath = reader.path(config.options["errorPath"], at: "options.errorPath")
        guard reader.problems.isEmpty, let request else {
            return .failure(CustomMappingProblems(problems: reader.problems))
        }
        return .success(CustomMapping(request: request, items: items, cost: cost, plan: plan, errorPath: errorPath))
    }
}

/// The problems of a `custom` provider's `options`.
struct CustomMappingProblems: Error, Sendable, Equatable {
    var problems: [String]
}
