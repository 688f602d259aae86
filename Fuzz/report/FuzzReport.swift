import Aggregation
import FuzzDriver
import ReportFormat

/// Bytes as an XML report: schema validation, digest, the streaming reader and its
/// plausibility checks, then `diff` of the report with itself.
let reader: ReportReader = {
    guard let r = try? ReportReader() else { fatalError("the report schema does not compile") }
    return r
}()

func fuzzReport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = bytes(data, size)
    _ = ReportDigest.check(bytes)
    switch reader.read(bytes: bytes, path: "fuzz.xml") {
    case .success(let summary):
        let diff = ReportDiff(old: summary, new: summary)
        _ = DiffRenderer.text(diff, oldPath: "old.xml", newPath: "fuzz.xml")
    case .failure(let rejection):
        _ = rejection.description
    }
    return 0
}

@main
enum Main {
    static func main() {
        _ = reader  // built before the first input, which then pays nothing for it
        runFuzzer { data, size in fuzzReport(data, size) }
    }
}
