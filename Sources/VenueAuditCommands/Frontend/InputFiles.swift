import AuditBasics
import Foundation
import VenueModel

/// Turns the paths given on the command line into the list of files to read.
enum InputFiles {
    /// Files as given, and folders searched recursively for `*.yaml` and `*.yml` (sorted, so
    /// output order does not depend on the file system). Paths that do not exist are errors;
    /// the rest are still returned.
    static func expand(_ paths: [String]) -> (files: [String], errors: [Diagnostic]) {
        var files: [String] = []
        var errors: [Diagnostic] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(.error("no-such-file", "no such file or folder", at: FileLocation(file: path, line: 1, column: 1)))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            if let walker = fm.enumerator(atPath: path) {
                for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    found.append(relative)
                }
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += found.sorted().map { "\(base)/\($0)" }
        }
        return (files, errors)
    }

    /// The next `count` files of `pending` (fewer at the end) with their bytes, in order; nil
    /// when none are left. The batch commands hand files to their workers in such groups.
    static func readNext(_ count: Int, from pending: inout IndexingIterator<[String]>) -> [(String, Result<[UInt8], Diagnostic>)]? {
        var batch: [(String, Result<[UInt8], Diagnostic>)] = []
        while batch.count < count, let file = pending.next() { batch.append((file, read(file))) }
        return batch.isEmpty ? nil : batch
    }

    /// The bytes of a file, or a diagnostic saying why it could not be read.
    static func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        // Refused before it is read, so a huge file costs no memory.
        var info = stat()
        let limit = VenueFileReader().limits.maxFileBytes
        if stat(path, &info) == 0, Int(info.st_size) > limit {
            return .failure(
                .error(
                    "limit-size", "file is \(info.st_size) bytes; the limit is \(limit)", at: FileLocation(file: path, line: 1, column: 1)))
        }
        // An empty regular file is empty without reading it: Foundation's reader leaks its
        // 4 KiB buffer on one (found by `make test-sanitize`, Tests/Fixtures/bad/empty.yaml).
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == 0 { return .success([]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error("unreadable", "cannot read the file", at: FileLocation(file: path, line: 1, column: 1)))
        }
        return .success([UInt8](data))
    }
}
