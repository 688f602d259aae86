import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One finished child process: its wall time, its own peak resident memory and how it ended.
struct ChildRun {
    var seconds: Double
    /// `ru_maxrss` from `wait4`, in KiB.
    var peakKiB: Int
    /// The exit status, or 128 + the signal number when a signal ended it.
    var status: Int32
    /// The resident size of the process that started the child, at that moment: the lowest
    /// `peakKiB` can read (see `Child.spawn`). A figure at this floor is only a bound.
    var floorKiB: Int
}

/// Starts programs with `posix_spawn` and waits for them with `wait4`.
///
/// glibc's `posix_spawn` runs the child on the parent's address space until it execs
/// (vfork-style), and Linux then carries that address space's peak RSS into the child's
/// `ru_maxrss`. So a measured command is started by a fresh, small copy of this executable
/// (`--spawn`, which touches no Foundation API), not by the bench itself, whose size grows
/// with the file lists it holds: the floor under every figure is then the few MiB of a Swift
/// process that has only just started, below what the tool or a baseline loop ever uses.
enum Child {
    /// Runs `arguments` through `--spawn` and returns its timing and peak memory.
    static func measure(_ arguments: [String], me: String, scratch: String) -> ChildRun {
        let result = scratch + "/spawn-result.txt"
        unlink(result)
        let runner = spawn([me, "--spawn", result] + arguments)
        guard runner.status == 0, let text = try? String(contentsOfFile: result, encoding: .utf8) else {
            fail("could not run \(arguments.joined(separator: " ")) (runner status \(runner.status))")
        }
        let fields = text.split(separator: " ")
        guard fields.count == 4, let seconds = Double(fields[0]), let peak = Int(fields[1]), let status = Int32(fields[2]),
            let floor = Int(fields[3].trimmingCharacters(in: .whitespacesAndNewlines))
        else { fail("unexpected runner output '\(text)'") }
        return ChildRun(seconds: seconds, peakKiB: peak, status: status, floorKiB: floor)
    }

    /// `--spawn RESULT PROGRAM ARGS...`: runs the program and writes "seconds peakKiB status
    /// floorKiB" to RESULT. Uses only the C library, so this process stays as small as it started.
    static func runner(_ arguments: ArraySlice<String>) -> Never {
        guard arguments.count >= 2, let result = arguments.first else { exit(2) }
        let run = spawn(Array(arguments.dropFirst()))
        let line = "\(run.seconds) \(run.peakKiB) \(run.status) \(run.floorKiB)\n"
        let fd = open(result, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { exit(2) }
        let written = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        exit(written > 0 ? 0 : 2)
    }

    /// Starts `arguments` (the first is the program's path, or a name looked up in PATH when
    /// `searchPath`), standard input from /dev/null, standard output to `stdout`, standard
    /// error to /dev/null, and waits for it. Wall time from a monotonic clock, spawn to exit.
    static func spawn(_ arguments: [String], stdout: String = "/dev/null", searchPath: Bool = false) -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }

        // Our own peak back down to our current size, so that is all the child inherits.
        resetOwnPeak()
        let floor = ownResidentKiB()
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned =
            searchPath
            ? posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
            : posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { fail("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { fail("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - start
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return ChildRun(seconds: elapsed.seconds, peakKiB: Int(usage.ru_maxrss), status: code, floorKiB: floor)
    }

    /// What a command printed on standard output (for --help and versions), or nil.
    static func output(_ arguments: [String], searchPath: Bool = false, scratch: String) -> String? {
        let file = scratch + "/child-output.txt"
        let run = spawn(arguments, stdout: file, searchPath: searchPath)
        defer { unlink(file) }
        guard run.status == 0 else { return nil }
        return try? String(contentsOfFile: file, encoding: .utf8)
    }

    /// Sets this process's peak RSS back to its current RSS (Linux 4.0+; otherwise nothing).
    static func resetOwnPeak() {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        _ = write(fd, "5", 1)
        close(fd)
    }

    /// This process's current resident set size in KiB (`VmRSS`), read with the C library only.
    static func ownResidentKiB() -> Int {
        let fd = open("/proc/self/status", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var text: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            text += buffer[0..<n]
        }
        for line in text.split(separator: UInt8(ascii: "\n")) where line.starts(with: Array("VmRSS:".utf8)) {
            let digits = line.drop { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                .prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            return Int(String(decoding: digits, as: UTF8.self)) ?? 0
        }
        return 0
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Prints a message on standard error and stops the bench with status 2.
func fail(_ message: String) -> Never {
    progress("venue-audit-bench: error: \(message)")
    exit(2)
}

/// Progress on standard error, so the table on standard output stays clean.
func progress(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
