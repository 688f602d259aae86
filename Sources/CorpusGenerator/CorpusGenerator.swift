import AuditBasics

/// A deterministic generator of realistic venue descriptions: the same seed and options give
/// the same files, byte for byte, on every machine.
///
/// Venues are spread over a city's districts and venue types with realistic weights; each venue
/// has a risk that depends on its type (karaoke bars and bars worse than offices) and district.
/// A venue is assessed several times over the months: first an inspection or a self-assessment,
/// then follow-ups. Problems found are often fixed by the next visit, sometimes not (repeat
/// offenders); self-assessments leave more facts out (unknown) than inspections do.
public struct CorpusGenerator: Sendable {
    public struct Options: Sendable, Hashable {
        public var seed: UInt64 = 1
        /// How many assessments (files) to write in all.
        public var reports = 1000
        /// The jurisdiction of every venue (`XA` for the test catalogue).
        public var jurisdiction = "CN-SC"
        /// The first possible assessment date; assessments spread over `months` months.
        public var start = CorpusGenerator.defaultStart
        public var months = 18

        public init() {}
    }

    /// One generated description.
    public struct File: Sendable, Hashable {
        /// `VENUE-ID_YYYY-MM-DD.yaml`.
        public var name: String
        public var yaml: String
    }

    static let districts: [(String, String, Int)] = [
        ("Jinjiang", "JJ", 14), ("Qingyang", "QY", 12), ("Jinniu", "JN", 12), ("Wuhou", "WH", 15),
        ("Chenghua", "CH", 12), ("Longquanyi", "LQ", 8), ("Xindu", "XD", 7), ("Wenjiang", "WJ", 6),
        ("Shuangliu", "SL", 8), ("Pidu", "PD", 6),
    ]
    static let districtRisk: [String: Double] = [
        "Jinjiang": 0.9, "Qingyang": 0.85, "Jinniu": 1.0, "Wuhou": 1.0, "Chenghua": 1.1, "Longquanyi": 1.2,
        "Xindu": 1.25, "Wenjiang": 1.1, "Shuangliu": 1.15, "Pidu": 1.2,
    ]
    /// Venue type, weight, base risk.
    static let types: [(String, Int, Double)] = [
        ("restaurant", 30, 0.40), ("shopping_mall", 8, 0.35), ("office_building", 12, 0.15), ("hotel", 8, 0.25),
        ("ktv", 6, 0.60), ("bar", 6, 0.50), ("supermarket", 8, 0.30), ("gym", 6, 0.30), ("cinema", 4, 0.30),
        ("clinic", 4, 0.20), ("residential_compound", 8, 0.35),
    ]
    static let names: [String: [String]] = [
        "restaurant": ["Noodle House", "Hotpot", "Dumpling Shop", "Tea House", "Skewer Bar", "Rice Kitchen"],
        "shopping_mall": ["Plaza", "Mall", "Shopping Centre"], "office_building": ["Tower", "Office Park", "Business Centre"],
        "hotel": ["Hotel", "Inn", "Guesthouse"], "ktv": ["KTV", "Karaoke"], "bar": ["Bar", "Tavern", "Pub"],
        "supermarket": ["Supermarket", "Market"], "gym": ["Gym", "Fitness"], "cinema": ["Cinema"], "clinic": ["Clinic"],
        "residential_compound": ["Garden Residences", "Court"],
    ]
    static let streets = [
        "Chunxi", "Taikoo", "Kuanzhai", "Jinli", "Yulin", "Tongzilin", "Fuqin", "Jianshe", "Shuangnan", "Hongpailou",
        "Caotang", "Wangjiang", "Shahe", "Longtan", "Dongmen",
    ]

    public let options: Options

    /// 2021-03-01.
    static let defaultStart = CivilDate(year: 2021, month: 3, day: 1)!  // a valid literal date

    public init(options: Options) { self.options = options }

    /// Calls `emit` with every file, in a fixed order.
    public func generate(_ emit: (File) throws -> Void) rethrows {
        var rng = SplitMix64(seed: options.seed)
        var written = 0
        var venueNumber = 0
        while written < options.reports {
            venueNumber += 1
            var venue = Venue.make(number: venueNumber, options: options, rng: &rng)
            let visits = min(options.reports - written, 1 + rng.weighted([20, 30, 28, 15, 7]))
            var date = options.start.adding(days: rng.int(0..<(options.months * 30 * 2 / 3)))
            for visit in 0..<visits {
                let kind = venue.nextKind(visit: visit, rng: &rng)
                try emit(venue.describe(date: date, kind: kind, rng: &rng))
                venue.evolve(afterAssessment: kind, rng: &rng)
                written += 1
                date = date.adding(days: 30 + rng.int(0..<100))
            }
        }
    }
}

/// A small, fast, seeded random number generator (SplitMix64): the same seed gives the same
/// numbers everywhere, unlike the system generator.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index drawn with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var pick = int(0..<weights.reduce(0, +))
        for (n, w) in weights.enumerated() {
            if pick < w { return n }
            pick -= w
        }
        return weights.count - 1
    }
}
