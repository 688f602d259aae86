import CorpusGenerator
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The bench's generated input: `files` venue descriptions spread over several jurisdictions
/// (so every rule pack runs), a tenth of them also linked into a small set, and one large
/// multi-document file. Same seed and sizes, same bytes.
struct Corpus {
    /// CN-SC runs the Chinese packs; the others run the GDPR and the international pack's
    /// national rules; `practice` runs everywhere.
    static let jurisdictions = ["CN-SC", "GB-ENG", "GB-SCT", "IE", "DE-BE", "AU-NSW", "NZ", "SG"]

    let directory: String
    let seed: UInt64
    let files: Int
    let multiMegabytes: Int

    /// Every venue file, one folder per jurisdiction.
    var venues: String { directory + "/venues" }
    /// The first tenth of each jurisdiction's files, at least one (hard links to the same inodes).
    var small: String { directory + "/venues-small" }
    /// Documents of every jurisdiction, `---`-separated, about `multiMegabytes` MiB.
    var multi: String { directory + "/multi/venues.yaml" }
    /// Written last: what was generated; a corpus is reused only when it matches.
    var manifest: String { directory + "/corpus.txt" }

    /// How many files each jurisdiction gets, and how many of those go into the small set.
    func counts() -> [(jurisdiction: String, files: Int, small: Int)] {
        let n = Self.jurisdictions.count
        return Self.jurisdictions.enumerated().map { i, j in
            let count = files / n + (i < files % n ? 1 : 0)
            return (j, count, max(1, count / 10))
        }
    }

    var smallFiles: Int { counts().reduce(0) { $0 + $1.small } }

    private func options(_ jurisdiction: String, index: Int, seedOffset: UInt64, reports: Int) -> CorpusGenerator.Options {
        var o = CorpusGenerator.Options()
        o.seed = seed &+ seedOffset &+ UInt64(index)
        o.jurisdiction = jurisdiction
        o.reports = reports
        return o
    }

    /// The manifest text: the parameters and a digest of the generator's first files, so a
    /// change to the generator's output also invalidates a kept corpus.
    func expectedManifest() -> String {
        var hash = FNV1a()
        CorpusGenerator(options: options(Self.jurisdictions[0], index: 0, seedOffset: 0, reports: 64)).generate { file in
            hash.add(file.name)
            hash.add(file.yaml)
        }
        return """
            venue-audit-bench corpus
            seed: \(seed)
            files: \(files)
            small files: \(smallFiles)
            multi-document MiB: \(multiMegabytes)
            jurisdictions: \(Self.jurisdictions.joined(separator: " "))
            generator digest: \(String(hash.value, radix: 16))

            """
    }

    /// Generates the corpus unless an identical one is already there; says which.
    func prepare() -> String {
        let expected = expectedManifest()
        if (try? String(contentsOfFile: manifest, encoding: .utf8)) == expected {
            return "reused from \(directory) (same seed and sizes)"
        }
        let fm = FileManager.default
        remove()
        do {
            for (i, entry) in counts().enumerated() {
                let folder = venues + "/" + entry.jurisdiction
                let smallFolder = small + "/" + entry.jurisdiction
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try fm.createDirectory(atPath: smallFolder, withIntermediateDirectories: true)
                var written = 0
                try CorpusGenerator(options: options(entry.jurisdiction, index: i, seedOffset: 0, reports: entry.files))
                    .generate { file in
                        let path = folder + "/" + file.name
                        guard fm.createFile(atPath: path, contents: Data(file.yaml.utf8)) else {
                            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                        }
                        if written < entry.small, link(path, smallFolder + "/" + file.name) != 0 {
                            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: smallFolder])
                        }
                        written += 1
                    }
            }
            try writeMulti()
            try expected.write(toFile: manifest, atomically: true, encoding: .utf8)
        } catch {
            fail("cannot write the corpus into \(directory): \(error)")
        }
        return "generated into \(directory) (seed \(seed))"
    }

    /// Removes what the bench writes into its folder, and the folder if nothing else is in it
    /// (--work may name a folder that holds other things).
    func remove(outputs: String? = nil) {
        for path in [manifest, venues, small, (multi as NSString).deletingLastPathComponent] + (outputs.map { [$0] } ?? []) {
            try? FileManager.default.removeItem(atPath: path)
        }
        rmdir(directory)
    }

    /// Writes generated documents of every jurisdiction in turn, each jurisdiction an equal
    /// share of the bytes, streamed to the file so this process stays small.
    private func writeMulti() throws {
        struct Full: Error {}
        let fm = FileManager.default
        try fm.createDirectory(atPath: (multi as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard fm.createFile(atPath: multi, contents: nil), let out = FileHandle(forWritingAtPath: multi) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: multi])
        }
        defer { try? out.close() }
        let share = (multiMegabytes << 20) / Self.jurisdictions.count
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 20)
        for (i, jurisdiction) in Self.jurisdictions.enumerated() {
            var written = 0
            do {
                // More reports than the share needs; generation stops once the share is written.
                let generous = share / 500 + 10
                try CorpusGenerator(options: options(jurisdiction, index: i, seedOffset: 1000, reports: generous)).generate {
                    file in
                    guard written < share else { throw Full() }
                    let document = Array("---\n".utf8) + Array(file.yaml.utf8)
                    pending += document
                    written += document.count
                    if pending.count >= 1 << 20 {
                        try out.write(contentsOf: pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            } catch is Full {}
        }
        try out.write(contentsOf: pending)
    }

    /// Reads every corpus file once (through a small buffer), so that every timed row, the
    /// first included, finds the files in the page cache.
    func warm() -> Int { Self.warm(Listing.venues([venues, multi])) }

    static func warm(_ files: [String]) -> Int {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        for file in files {
            let fd = open(file, O_RDONLY)
            guard fd >= 0 else { continue }
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                total += n
            }
            close(fd)
        }
        return total
    }
}

/// 64-bit FNV-1a, for the manifest's digest of generated text.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
}
