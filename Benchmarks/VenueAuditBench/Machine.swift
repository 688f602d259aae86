import CLibXML2
import CYAML
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the figures were measured on.
enum Machine {
    static func describe(tool: String, scratch: String) -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        let swift =
            Child.output(["swift", "--version"], searchPath: true, scratch: scratch)?
            .split(separator: "\n").first.map(String.init) ?? "swift: unknown"
        let version = Child.output([tool, "--version"], scratch: scratch)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        return "\(cores) cores; \(unameSR()); \(swift); libyaml \(String(cString: yaml_get_version_string())); "
            + "libxml2 \(LIBXML_DOTTED_VERSION); venue-audit \(version)"
    }

    /// `uname -sr`.
    static func unameSR() -> String {
        var u = utsname()
        guard uname(&u) == 0 else { return "unknown system" }
        func text<T>(_ field: inout T) -> String {
            withUnsafePointer(to: &field) { $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout<T>.size) { String(cString: $0) } }
        }
        return "\(text(&u.sysname)) \(text(&u.release))"
    }

    /// The 1, 5 and 15 minute load averages.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Documents in a multi-document file: lines that are exactly `---`. Read through a small
    /// buffer so this process stays small (its size is a floor under the children's peaks).
    static func countDocuments(_ path: String) -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        // How much of "\n---\n" the bytes so far end with; the file starts as if after a newline.
        let marker = Array("\n---\n".utf8)
        var matched = 1
        var count = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            for i in 0..<n {
                let byte = buffer[i]
                if byte == marker[matched] {
                    matched += 1
                    if matched == marker.count {
                        count += 1
                        matched = 1  // the closing newline starts the next line
                    }
                } else {
                    matched = byte == 0x0A ? 1 : 0
                }
            }
        }
        return count
    }
}
