import AuditBasics
import BundledFiles
import FuzzDriver
import PolicyCatalog

/// Bytes as a rule pack file, loaded with the built-in taxonomy, legal sources and profiles in
/// place of the smallest built-in pack: pack reader, condition compiler, rule examples, lint.
let files: [String: [UInt8]] = {
    var files: [String: [UInt8]] = [:]
    for (path, bytes) in BundledFiles.files(under: "policies") where !path.hasPrefix("packs/") || path == "packs/cn-csl.yaml" {
        files[path] = bytes
    }
    return files
}()

func fuzzPack(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = files
    input["packs/cn-csl.yaml"] = bytes(data, size)
    do throws(CatalogLoader.Failure) {
        _ = try CatalogLoader.load(.memory(label: "fuzz", input))
    } catch {
        _ = String(describing: error)
    }
    return 0
}

@main
enum Main {
    static func main() {
        _ = files  // built before the first input, which then pays nothing for it
        runFuzzer { data, size in fuzzPack(data, size) }
    }
}
