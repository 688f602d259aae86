import AuditBasics
import Foundation

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

    /// The bytes of a file, or a diagnostic saying why it could not be read.
    static func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error("unreadable", "cannot read the file", at: FileLocation(file: path, line: 1, column: 1)))
        }
        return .success([UInt8](data))
    }
}
