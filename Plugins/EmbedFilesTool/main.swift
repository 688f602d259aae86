import Foundation

// embed-files OUTPUT ROOT PATH...: writes a Swift source holding each file below ROOT, by its
// relative path, as base64 (exact bytes, and a string literal compiles fast where a byte-array
// literal of the same size does not).
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: embed-files OUTPUT ROOT PATH...\n".utf8))
    exit(2)
}
let output = arguments[1]
let root = URL(fileURLWithPath: arguments[2])
var source = """
    // Generated at build time by the EmbedFiles plugin from the repository's policies/ and
    // schemas/. Edit those files, never this one.

    enum EmbeddedFiles {
        /// (path in the repository, base64 of the file's bytes), sorted by path.
        static let base64: [(path: String, data: String)] = [

    """
for path in arguments.dropFirst(3) {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
        FileHandle.standardError.write(Data("embed-files: error: cannot read \(path)\n".utf8))
        exit(1)
    }
    source += "        (\"\(path)\", \"\(data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-files: error: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
