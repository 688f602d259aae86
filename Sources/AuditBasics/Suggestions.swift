/// "Did you mean" suggestions for misspelt names, fields, enumeration values and references:
/// the one suggester of the condition checker, the input decoder and the policy loader.
public enum Suggestions {
    /// The candidate closest to `name` by edit distance (a transposition counts as one edit),
    /// if it is close enough to be a plausible typo; ties go to the alphabetically first.
    public static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        // One- and two-letter names are too short for a guess to mean anything.
        let limit = name.count <= 2 ? 0 : max(1, min(3, name.count / 3))
        guard limit > 0 else { return nil }
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let d = distance(name, candidate)
            guard d <= limit else { continue }
            if let current = best, current.distance < d || (current.distance == d && current.name <= candidate) {
                continue
            }
            best = (d, candidate)
        }
        return best?.name
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func hint<S: Sequence>(for name: String, in candidates: S) -> String where S.Element == String {
        closest(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Optimal-string-alignment distance between two strings, over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
