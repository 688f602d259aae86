/// The exit codes, like a linter's: 0 nothing at or above `--fail-on`, 1 findings, 2 bad input
/// or usage.
enum ExitStatus: Int32 {
    case ok = 0
    case findings = 1
    case badInput = 2
}
