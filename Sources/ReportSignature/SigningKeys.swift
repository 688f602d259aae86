import Crypto
import ReportFormat

#if canImport(Glibc)
    import Glibc
#endif

/// Why a key or a report could not be signed or read. Messages name files and reasons, never
/// key material.
public struct SignatureError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A public key a regulator trusts, with its key id.
public struct PublicKey: Sendable, Hashable {
    /// The key as PEM (SubjectPublicKeyInfo), as libxmlsec1 loads it.
    public let pem: [UInt8]
    /// SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex: what a signed report names.
    public let keyID: String

    /// Reads a PEM public key; nil when the text is not one. A private key is refused here:
    /// a trust file lists public keys only.
    public init?(pem text: [UInt8]) {
        guard !SigningKey.looksPrivate(text), let (der, pem) = XMLSec.publicKey(of: text) else { return nil }
        self.pem = pem
        self.keyID = ReportDigest.sha256Hex(of: der)
    }
}

/// An inspector's private key, read from a file only its owner can read.
public struct SigningKey: Sendable {
    let pem: [UInt8]
    public let publicKey: PublicKey
    public var keyID: String { publicKey.keyID }

    /// Reads the private key at `path`. Refuses, as ssh does, a file that its group or others
    /// may read or write, and a file that is not a private key.
    public static func read(path: String) throws(SignatureError) -> SigningKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SignatureError("\(path): cannot read the private key: \(errnoText())") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw SignatureError(
                "\(path): the private key is readable by others (mode \(String(mode, radix: 8))); "
                    + "make it private with `chmod 600 \(path)`")
        }
        let bytes = try readFile(path)
        guard looksPrivate(bytes), let (der, publicPEM) = XMLSec.publicKey(of: bytes) else {
            throw SignatureError("\(path): not a PEM private key (ECDSA or RSA)")
        }
        return SigningKey(pem: bytes, publicKey: PublicKey(pem: publicPEM, keyID: ReportDigest.sha256Hex(of: der)))
    }

    /// A new ECDSA P-256 key pair as PEM texts: the private key (PKCS #8) and its public key.
    public static func generate() -> (privatePEM: String, publicPEM: String) {
        let key = P256.Signing.PrivateKey()
        return (key.pemRepresentation + "\n", key.publicKey.pemRepresentation + "\n")
    }

    static func looksPrivate(_ pem: [UInt8]) -> Bool {
        String(decoding: pem.prefix(4096), as: UTF8.self).contains("PRIVATE KEY-----")
    }
}

extension PublicKey {
    init(pem: [UInt8], keyID: String) {
        self.pem = pem
        self.keyID = keyID
    }
}

/// The whole file, or an error naming it; at most 1 MiB (keys and trust files are small).
func readFile(_ path: String, limit: Int = 1 << 20) throws(SignatureError) -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw SignatureError("\(path): cannot read: \(errnoText())") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n > 0 { bytes.append(contentsOf: buffer[..<n]) }
        if bytes.count > limit { throw SignatureError("\(path): larger than \(limit / 1024) KiB; not a key or trust file") }
        if n < buffer.count { break }
    }
    if ferror(file) != 0 { throw SignatureError("\(path): cannot read: \(errnoText())") }
    return bytes
}

func errnoText() -> String { String(cString: strerror(errno)) }
