import ArgumentParser
import Foundation
import ReportSignature

/// `venue-audit keys new --out NAME`, `venue-audit keys id FILE`: inspectors' signing keys.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make a signing key pair, or print a key's id.",
        subcommands: [New.self, ID.self]
    )

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a new ECDSA P-256 key pair: NAME.pem (private, mode 0600) and NAME.pub.pem.",
            discussion: """
                Keep NAME.pem to yourself and sign reports with `audit --sign-key NAME.pem`; give \
                NAME.pub.pem to the regulators who will list you in their trust file. Existing \
                files are never overwritten. Prints the key id, which signed reports carry.
                """
        )

        @Option(name: .customLong("out"), help: "The key files' path without extension, such as keys/li.")
        var out: String

        func run() throws {
            let privatePath = out + ".pem"
            let publicPath = out + ".pub.pem"
            for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
                Console.err("venue-audit: error: \(path) already exists; a key is never overwritten")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            let (privatePEM, publicPEM) = SigningKey.generate()
            do {
                try Self.create(privatePath, privatePEM, mode: 0o600)
                try Self.create(publicPath, publicPEM, mode: 0o644)
                let key = try SigningKey.read(path: privatePath)
                Console.out("wrote \(privatePath) (private: keep it to yourself) and \(publicPath) (public)")
                Console.out("key id \(key.keyID)")
            } catch {
                Console.err("venue-audit: error: \(error)")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
        }

        /// A new file with `mode` from the start (never wider, never through a link).
        static func create(_ path: String, _ text: String, mode: mode_t) throws {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            guard fd >= 0 else { throw SignatureError("\(path): cannot create: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            guard fchmod(fd, mode) == 0 else { throw SignatureError("\(path): cannot set its mode") }
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw SignatureError("\(path): cannot write: \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }

    struct ID: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "id",
            abstract: "Print the key id of a public key file (the SHA-256 of the key, as signed reports name it)."
        )

        @Argument(help: "A PEM public key file.")
        var file: String

        func run() throws {
            guard let bytes = FileManager.default.contents(atPath: file), bytes.count < 1 << 20 else {
                Console.err("\(file):1:1: error: [unreadable] cannot read the file")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            guard let key = PublicKey(pem: Array(bytes)) else {
                Console.err(
                    "\(file):1:1: error: [bad-key] not a PEM public key (ECDSA or RSA); a private key's id is printed by `keys new`")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            Console.out(key.keyID)
        }
    }
}
