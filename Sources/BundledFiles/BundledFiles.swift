import Foundation

/// The data files compiled into the tool: `policies/` (rule packs, profiles, legal sources,
/// taxonomy) and `schemas/` (the report XSDs), each by its path in the repository. Generated at
/// build time from those files, so the binary works from any folder and the repository stays
/// the one source of truth.
public enum BundledFiles {
    /// Every bundled file's bytes, by repository path ("policies/packs/cn-pipl.yaml").
    public static let all: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (path, encoded) in EmbeddedFiles.base64 {
            guard let data = Data(base64Encoded: encoded) else {
                preconditionFailure("the build embedded \(path) with invalid base64")
            }
            files[path] = [UInt8](data)
        }
        return files
    }()

    /// The files below `folder` ("policies"), keyed by their path relative to it ("packs/cn-pipl.yaml").
    public static func files(under folder: String) -> [String: [UInt8]] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var found: [String: [UInt8]] = [:]
        for (path, bytes) in all where path.hasPrefix(prefix) { found[String(path.dropFirst(prefix.count))] = bytes }
        return found
    }

    /// A bundled text file ("schemas/venue-audit-report-1.xsd"); nil if the build did not embed it.
    public static func text(_ path: String) -> String? {
        all[path].map { String(decoding: $0, as: UTF8.self) }
    }
}
