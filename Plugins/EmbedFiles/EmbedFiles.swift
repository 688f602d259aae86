import Foundation
import PackagePlugin

/// Compiles the repository's data files into the target that applies it: every rule pack,
/// profile, legal-source registry and taxonomy under `policies/`, and every XSD and the service's
/// OpenAPI document under `schemas/`.
/// The files in the repository stay the one source of truth; the generated source is rebuilt
/// whenever one of them changes, so an installed binary needs nothing beside it.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let files =
            Self.files(under: root, folder: "policies", suffixes: [".yaml", ".yml"])
            + Self.files(under: root, folder: "schemas", suffixes: [".xsd", ".yaml"])
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files from policies/ and schemas/",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path, root.path] + files,
                inputFiles: files.map { root.appendingPathComponent($0) },
                outputFiles: [output]
            )
        ]
    }

    /// Paths relative to `root`, sorted, of the files below `folder` with one of the suffixes.
    static func files(under root: URL, folder: String, suffixes: [String]) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var found: [String] = []
        for case let url as URL in walker where suffixes.contains(where: { url.lastPathComponent.hasSuffix($0) }) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)
            found.append("\(folder)/\(relative)")
        }
        return found.sorted()
    }
}
