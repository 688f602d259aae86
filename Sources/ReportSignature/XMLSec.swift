import XMLSecShim

#if canImport(Glibc)
    import Glibc
#endif

/// Swift's view of XMLSecShim: byte arrays in, byte arrays and statuses out.
enum XMLSec {
    enum Status: Int32, Error {
        case ok = 0, notXML, badKey, noSignature, malformed, invalid, failed

        init(_ raw: Int32) { self = Status(rawValue: raw) ?? .failed }
    }

    struct Facts {
        var keyName: String
        var referenceID: String
        var generatedAt: String
        var identity: String
    }

    static func sign(_ report: [UInt8], keyPEM: [UInt8], keyName: String, referenceID: String) -> Result<[UInt8], Status> {
        var out: UnsafeMutablePointer<CChar>?
        var count = 0
        let status = report.withUnsafeBufferPointer { doc in
            keyPEM.withUnsafeBufferPointer { key in
                doc.withMemoryRebound(to: CChar.self) { doc in
                    key.withMemoryRebound(to: CChar.self) { key in
                        vaxs_sign(doc.baseAddress, doc.count, key.baseAddress, key.count, keyName, referenceID, &out, &count)
                    }
                }
            }
        }
        defer { free(out) }
        guard Status(status) == .ok, let out else { return .failure(Status(status)) }
        return .success(Array(UnsafeRawBufferPointer(start: out, count: count)))
    }

    static func inspect(_ report: [UInt8]) -> (Status, Facts) {
        var facts = vaxs_report_facts()
        let status = report.withUnsafeBufferPointer { doc in
            doc.withMemoryRebound(to: CChar.self) { vaxs_inspect($0.baseAddress, $0.count, &facts) }
        }
        return (
            Status(status),
            Facts(
                keyName: string(&facts.key_name), referenceID: string(&facts.reference_id),
                generatedAt: string(&facts.generated_at), identity: string(&facts.identity))
        )
    }

    /// `.ok`, or `.invalid` with whether the signed content matched.
    static func verify(_ report: [UInt8], publicKeyPEM: [UInt8]) -> (Status, referenceMatched: Bool) {
        var referenceOK: Int32 = 0
        let status = report.withUnsafeBufferPointer { doc in
            publicKeyPEM.withUnsafeBufferPointer { key in
                doc.withMemoryRebound(to: CChar.self) { doc in
                    key.withMemoryRebound(to: CChar.self) { key in
                        vaxs_verify(doc.baseAddress, doc.count, key.baseAddress, key.count, &referenceOK)
                    }
                }
            }
        }
        return (Status(status), referenceOK != 0)
    }

    /// The DER SubjectPublicKeyInfo and PEM public key of a PEM key, private or public.
    static func publicKey(of pem: [UInt8]) -> (der: [UInt8], pem: [UInt8])? {
        var der: UnsafeMutablePointer<UInt8>?
        var derCount = 0
        var text: UnsafeMutablePointer<CChar>?
        var textCount = 0
        let status = pem.withUnsafeBufferPointer { key in
            key.withMemoryRebound(to: CChar.self) { vaxs_public_key($0.baseAddress, $0.count, &der, &derCount, &text, &textCount) }
        }
        defer {
            free(der)
            free(text)
        }
        guard Status(status) == .ok, let der, let text else { return nil }
        return (Array(UnsafeBufferPointer(start: der, count: derCount)), Array(UnsafeRawBufferPointer(start: text, count: textCount)))
    }

    private static func string<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
