import BundledFiles
import Foundation

/// Where a catalogue is read from: a folder laid out like `policies/` (an organisation's own
/// tailoring, or the repository while rules are edited), or the packs built into the tool.
public struct PolicyFiles: Sendable {
    private enum Storage: Sendable {
        case folder(String)
        case memory([String: [UInt8]])
    }

    /// How the files are named in diagnostics: the folder's path, or `built-in` for the packs
    /// compiled into the tool (so a message never names a path of the machine that built it).
    public let label: String
    private let storage: Storage

    /// The files of a folder laid out like `policies/` (legal-sources.yaml, taxonomy.yaml,
    /// packs/, profiles/).
    public static func folder(_ path: String) -> PolicyFiles {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        return PolicyFiles(label: trimmed, storage: .folder(trimmed))
    }

    /// Files held in memory, by their path relative to the catalogue's top folder.
    public static func memory(label: String, _ files: [String: [UInt8]]) -> PolicyFiles {
        PolicyFiles(label: label, storage: .memory(files))
    }

    /// The rule packs, profiles, legal sources and taxonomy compiled into the tool from the
    /// repository's `policies/` folder.
    public static let builtin = PolicyFiles.memory(label: "built-in", BundledFiles.files(under: "policies"))

    /// `relative` as diagnostics name it ("policies/packs/cn-pipl.yaml", "built-in/packs/cn-pipl.yaml").
    public func displayPath(_ relative: String) -> String { "\(label)/\(relative)" }

    /// The bytes of one file, or nil when it is missing or unreadable.
    public func contents(_ relative: String) -> [UInt8]? {
        switch storage {
        case .folder(let base): FileManager.default.contents(atPath: "\(base)/\(relative)").map { [UInt8]($0) }
        case .memory(let files): files[relative]
        }
    }

    /// The YAML files directly inside `subfolder` ("packs"), as relative paths, sorted.
    public func yamlFiles(in subfolder: String) -> [String] {
        let names: [String]
        switch storage {
        case .folder(let base):
            names = (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(subfolder)")) ?? []
        case .memory(let files):
            names = files.keys.compactMap { path in
                guard path.hasPrefix(subfolder + "/") else { return nil }
                let name = path.dropFirst(subfolder.count + 1)
                return name.contains("/") ? nil : String(name)
            }
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(subfolder)/\($0)" }
    }

    /// Every file a catalogue is made of, as relative paths with their bytes, sorted by path:
    /// what `policies export` writes out.
    public func catalogueFiles() -> [(path: String, bytes: [UInt8])] {
        let paths = ["legal-sources.yaml", "taxonomy.yaml"] + yamlFiles(in: "packs") + yamlFiles(in: "profiles")
        return paths.compactMap { path in contents(path).map { (path, $0) } }
    }
}
