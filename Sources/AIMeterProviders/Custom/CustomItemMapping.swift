import AIMeterCore

/// How one progress item of a `custom` provider is read from the answer (`options.items[n]`).
struct CustomItemMapping: Sendable, Equatable {
    /// Where `windowMinutes` comes from.
    enum WindowSource: Sendable, Equatable {
        case fixed(Double)
        case path(ResponsePath)
    }

    static let keys = [
        "name", "desc", "usedPercent", "remainingPercent", "used", "limit", "remaining", "resetsAt", "windowMinutes",
        "scale", "optional",
    ]

    var name: String
    var desc: String?
    var usedPercent: ResponsePath?
    var remainingPercent: ResponsePath?
    var used: ResponsePath?
    var limit: ResponsePath?
    var remaining: ResponsePath?
    var resetsAt: ResponsePath?
    var windowMinutes: WindowSource?
    /// Multiplies `usedPercent` and `remainingPercent` (100 for 0–1 fractions).
    var scale: Double = 1
    /// Skip the item, instead of failing the poll, when a path finds nothing.
    var optional = false

    /// Reads `options.items[index]`; nil when it has a problem (recorded in `reader`).
    static func read(_ value: JSONValue, index: Int, reader: inout CustomOptionReader) -> CustomItemMapping? {
        let keyPath = "options.items[\(index)]"
        guard let object = reader.object(value, at: keyPath) else { return nil }
        let before = reader.problems.count
        reader.rejectUnknownKeys(object, known: keys, at: keyPath)
        var name = ""
        if let text = object["name"]?.nonEmptyString {
            name = text
        } else {
            reader.problem("\(keyPath).name", object["name"] == nil ? "required" : "must be a non-empty string")
        }
        var mapping = CustomItemMapping(name: name)
        if let desc = object["desc"] {
            if let text = desc.stringValue { mapping.desc = text } else { reader.problem("\(keyPath).desc", "must be a string") }
        }
        mapping.usedPercent = reader.path(object["usedPercent"], at: "\(keyPath).usedPercent")
        mapping.remainingPercent = reader.path(object["remainingPercent"], at: "\(keyPath).remainingPercent")
        mapping.used = reader.path(object["used"], at: "\(keyPath).used")
        mapping.limit = reader.path(object["limit"], at: "\(keyPath).limit")
        mapping.remaining = reader.path(object["remaining"], at: "\(keyPath).remaining")
        mapping.resetsAt = reader.path(object["resetsAt"], at: "\(keyPath).resetsAt")
        mapping.windowMinutes = readWindow(object["windowMinutes"], at: "\(keyPath).windowMinutes", reader: &reader)
        mapping.scale = reader.positiveNumber(object["scale"], at: "\(keyPath).scale") ?? 1
        mapping.optional = reader.bool(object["optional"], at: "\(keyPath).optional") ?? false
        let hasPercentSource = object["usedPercent"] != nil || object["remainingPercent"] != nil
            || ["used", "limit", "remaining"].filter { object[$0] != nil }.count >= 2
        if !hasPercentSource {
            reader.problem(keyPath, "no usedPercent source; map usedPercent, remainingPercent, or two of used, limit and remaining")
        }
        return reader.problems.count == before ? mapping : nil
    }

    private static func readWindow(_ value: JSONValue?, at keyPath: String, reader: inout CustomOptionReader) -> WindowSource? {
        guard let value else { return nil }
        if case .string = value {
            return reader.path(value, at: keyPath).map(WindowSource.path)
        }
        return reader.positiveNumber(value, at: keyPath).map(WindowSource.fixed)
    }
}

/// How the money figures of a `custom` provider are read (`options.cost`).
struct CustomCostMapping: Sendable, Equatable {
    static let keys = ["used", "limit", "remaining", "currency", "period", "scale", "optional"]

    var used: ResponsePath?
    var limit: ResponsePath?
    var remaining: ResponsePath?
    /// Literal currency label, e.g. `USD`.
    var currency: String?
    /// Literal period label, e.g. `daily`, `monthly`.
    var period: String?
    /// Multiplies every amount (new-api counts 500000 quota units per dollar: 0.000002).
    var scale: Double = 1
    /// Leave the cost out, instead of failing the poll, when a path finds nothing.
    var optional = false

    /// Reads `options.cost`; nil when absent or when it has a problem (recorded in `reader`).
    static func read(_ value: JSONValue?, reader: inout CustomOptionReader) -> CustomCostMapping? {
        let keyPath = "options.cost"
        guard let object = reader.object(value, at: keyPath) else { return nil }
        let before = reader.problems.count
        reader.rejectUnknownKeys(object, known: keys, at: keyPath)
        var mapping = CustomCostMapping()
        mapping.used = reader.path(object["used"], at: "\(keyPath).used")
        mapping.limit = reader.path(object["limit"], at: "\(keyPath).limit")
        mapping.remaining = reader.path(object["remaining"], at: "\(keyPath).remaining")
        mapping.currency = reader.string(object["currency"], at: "\(keyPath).currency")
        mapping.period = reader.string(object["period"], at: "\(keyPath).period")
        mapping.scale = reader.positiveNumber(object["scale"], at: "\(keyPath).scale") ?? 1
        mapping.optional = reader.bool(object["optional"], at: "\(keyPath).optional") ?? false
        if object["used"] == nil && object["limit"] == nil && object["remaining"] == nil {
            reader.problem(keyPath, "map at least one of used, limit and remaining")
        }
        return reader.problems.count == before ? mapping : nil
    }
}
