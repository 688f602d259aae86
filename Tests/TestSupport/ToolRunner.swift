import Foundation

/// What one run of the built `venue-audit` binary did.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs the real binary, as a user would, so exit codes and messages are tested end to end.
public enum ToolRunner {
    /// The binary built next to the test bundle (`swift test` builds it), or `VENUE_AUDIT_BIN`.
    public static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["VENUE_AUDIT_BIN"] { return explicit }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("venue-audit").path
    }

    /// Runs `venue-audit arguments...` in `directory` (the repository root by default), with
    /// `environment` added to this process's own.
    public static func run(
        _ arguments: [String], in directory: String? = nil, stdin: String? = nil, environment extra: [String: String] = [:]
    ) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? RepositoryPaths.root.path)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are drained at once, standard error on a thread of its own, before waiting:
        // read one after the other, a child that fills the other pipe (64 KiB of messages, or a
        // sanitizer's report) would block writing it while we wait for the first to close.
        let errBox = DataBox()
        let errHandle = err.fileHandleForReading
        let errReader = Thread { errBox.data = errHandle.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errBox.wait()
        let errData = errBox.data
        return ToolRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Standard error read by a thread of its own, handed back once that thread has read it all.
private final class DataBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value = Data()

    var data: Data {
        get { value }
        set {
            value = newValue
            done.signal()
        }
    }

    func wait() { done.wait() }
}
