import Testing

/// One case of a parameterized parsing test: a fixture and what parsing it must give, named after
/// the behaviour it shows (the name the case had as a test of its own).
struct ParsingExample<Expected: Sendable>: Sendable, CustomTestStringConvertible {
    /// What the case shows.
    let behaviour: String
    /// The fixture path below `Fixtures/`.
    let fixture: String
    /// What parsing the fixture must give.
    let expected: Expected

    init(_ behaviour: String, fixture: String, expected: Expected) {
        self.behaviour = behaviour
        self.fixture = fixture
        self.expected = expected
    }

    var testDescription: String { behaviour }
}
