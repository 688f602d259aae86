import FuzzDriver
import ReportFormat
import ReportSignature

/// Bytes as a trust file, and the same bytes as a signed report checked against a fixed
/// trust file: YAML, key loading, and libxmlsec1's parsing and verification through our shim.
let verifier: ReportVerifier = {
    let (_, publicPEM) = SigningKey.generate()
    let indented = publicPEM.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
    let yaml = """
        signers:
          - name: Fuzz
            organization: Fuzz Office
            public_key: |
        \(indented)
            valid_from: 2020-01-01
            valid_to: 2030-12-31
        """
    guard let trust = TrustFile.read(bytes: Array(yaml.utf8), path: "trust.yaml").trust else { fatalError("fixed trust file") }
    return ReportVerifier(trust: trust)
}()

func fuzzSignature(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = bytes(data, size)
    let trust = TrustFile.read(bytes: bytes, path: "trust.yaml")
    for d in trust.diagnostics { _ = d.description }
    _ = verifier.check(bytes)
    return 0
}

@main
enum Main {
    static func main() {
        _ = verifier  // built before the first input, which then pays nothing for it
        runFuzzer { data, size in fuzzSignature(data, size) }
    }
}
