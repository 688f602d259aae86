import Foundation

/// The best wall time of one command over its runs, and its largest peak memory.
struct Measured {
    var seconds: Double
    var peakKiB: Int
    var runs: Int
    /// The peak read as the bench's own size at spawn: the process stayed at or below it.
    var peakAtFloor = false

    var peakMiB: Double { Double(peakKiB) / 1024 }
    var peakText: String { (peakAtFloor ? "≤ " : "") + format(peakMiB, 0) }
}

/// What a row must reach; `nil` for rows the issue sets no target for.
enum Target {
    /// Throughput at least this fraction of the row's baseline.
    case ratio(Double)
    /// Throughput at least this multiple of another row's (two cores against one).
    case multiple(of: Measured, atLeast: Double)

    var text: String {
        switch self {
        case .ratio(let r): return "≥ \(format(r, 2))"
        case .multiple(_, let m): return "≥ \(format(m, 1))× 1 core"
        }
    }
}

/// One line of the table.
struct Row {
    var stage: String
    var files: Int
    /// Documents, when the row reads one multi-document file (rates are then per venue).
    var documents: Int?
    var bytes: Int
    /// nil when the row could not run (its `note` says why).
    var measured: Measured?
    var note: String?
    /// The reference loop over the same bytes; nil for a row without one.
    var baseline: Measured?
    var isBaseline = false
    var target: Target?

    var ratio: Double? {
        guard let measured, let baseline else { return nil }
        return baseline.seconds / measured.seconds
    }

    var met: Bool? {
        guard let measured, let target else { return nil }
        switch target {
        case .ratio(let wanted): return ratio.map { $0 >= wanted }
        case .multiple(let other, let wanted): return other.seconds / measured.seconds >= wanted
        }
    }

    var cells: [String] {
        let mib = Double(bytes) / 1_048_576
        let filesCell = documents.map { "\(files) (\(grouped($0)) venues)" } ?? grouped(files)
        guard let measured else {
            return [stage, filesCell, format(mib, mib < 0.95 ? 2 : 1), "", "", note ?? "n/a", "", target?.text ?? "", "n/a"]
        }
        let rate =
            documents.map { "\(grouped(Int(Double($0) / measured.seconds))) venues/s" }
            ?? grouped(Int(Double(files) / measured.seconds))
        // Small figures keep a further digit, so that a slow row does not read as zero.
        let ratioCell = isBaseline ? "1.00 (baseline)" : ratio.map { format($0, $0 < 0.095 ? 3 : 2) } ?? "–"
        let mibPerSecond = mib / measured.seconds
        let metCell = met.map { $0 ? "yes" : "**no**" } ?? ""
        return [
            stage, filesCell, format(mib, mib < 0.95 ? 2 : 1), rate, format(mibPerSecond, mibPerSecond < 0.95 ? 2 : 1), ratioCell,
            measured.peakText, target?.text ?? "", metCell,
        ]
    }

    static let header = ["stage", "files", "MiB", "files/s", "MiB/s", "ratio to baseline", "peak RSS MiB", "target", "met?"]
    static let alignment = ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---"]
}

func markdownTable(_ rows: [Row]) -> String {
    var lines = ["| " + Row.header.joined(separator: " | ") + " |", "| " + Row.alignment.joined(separator: " | ") + " |"]
    lines += rows.map { "| " + $0.cells.joined(separator: " | ") + " |" }
    return lines.joined(separator: "\n")
}

func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// 12345 -> "12,345".
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}
