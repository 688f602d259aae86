import AuditBasics
import FuzzDriver
import VenueModel

/// Bytes as an organisation's waiver file (`--waivers`).
func fuzzWaiver(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let result = WaiverFileReader.read(bytes: bytes(data, size), path: "waivers.yaml")
    for d in result.diagnostics { _ = d.description }
    return 0
}

@main
enum Main {
    static func main() {
        runFuzzer { data, size in fuzzWaiver(data, size) }
    }
}
