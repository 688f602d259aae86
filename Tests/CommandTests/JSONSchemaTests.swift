import Foundation
import TestSupport
import Testing

/// Runs Tests/scripts/validate_json_schema.py (Python's jsonschema) on the schema that
/// `venue-audit schema venue` prints.
private func validateWithSchema(_ files: [String], expectInvalid: Bool = false) throws -> ToolRun {
    let schema = try ToolRunner.run(["schema", "venue"])
    #expect(schema.status == 0)
    let dir = try temporaryFolder(["venue.schema.json": Array(schema.stdout.utf8)])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        ["python3", RepositoryPaths.path("Tests/scripts/validate_json_schema.py"), dir + "/venue.schema.json"]
        + (expectInvalid ? ["--expect-invalid"] : []) + files
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
}

@Suite("JSON Schema of the input format")
struct JSONSchemaTests {
    @Test("the printed schema is JSON and describes every top-level section")
    func schemaIsJSON() throws {
        let run = try ToolRunner.run(["schema", "venue"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let properties = object?["properties"] as? [String: Any]
        #expect(
            Set(properties?.keys.map { $0 } ?? []) == [
                "format", "venue", "assessment", "collection_points", "digital_systems", "observations", "incidents",
                "waivers",
            ])
    }

    @Test("every sample is valid against the schema")
    func samplesValidate() throws {
        let run = try validateWithSchema(RepositoryPaths.samples)
        #expect(run.status == 0, "\(run.stdout)")
    }

    @Test("schema-level bad inputs are rejected")
    func badInputsRejected() throws {
        let dir = RepositoryPaths.path("Tests/Fixtures/schema-bad")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 5)
        let run = try validateWithSchema(names.map { "\(dir)/\($0)" }, expectInvalid: true)
        #expect(run.status == 0, "\(run.stdout)")
    }
}
