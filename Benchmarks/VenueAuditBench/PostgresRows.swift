import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL rows: the same reports as the SQLite `aggregate` row, ingested into a
/// PostgreSQL database by one process and by four at once, and the dashboard re-rendered from
/// each store, where the PostgreSQL store computes the rollups in SQL. `make bench` starts a
/// throwaway server (scripts/pg.sh) and passes its URL in VENUE_AUDIT_TEST_POSTGRES, with the
/// password in PGPASSFILE; databases are made and dropped with psql.
extension Bench {
    mutating func postgresRows(
        server: String, reports: String, reportFiles: [String], smallReports: String, sqlite: Measured, sqliteStore: String,
        rows: inout [Row]
    ) -> [String] {
        let fm = FileManager.default
        let tool = options.tool
        let bytes = Listing.bytes(reportFiles)
        guard let slash = server.range(of: "/", options: .backwards) else { fail("--postgres \(server) has no database name") }
        func url(_ database: String) -> String { String(server[..<slash.lowerBound]) + "/" + database }
        let scratch = outputs
        func reset(_ database: String) {
            _ = Child.output(
                ["psql", "-q", server, "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"], searchPath: true, scratch: scratch)
            guard Child.output(["psql", "-q", server, "-c", "CREATE DATABASE \(database)"], searchPath: true, scratch: scratch) != nil
            else {
                fail("cannot create the database \(database) with psql at \(server)")
            }
        }
        let out = outputs + "/aggregate-postgres"
        let one = measure(
            "aggregate into PostgreSQL, 1 ingester", [tool, "aggregate", reports, "--db", url("va_bench_one"), "--out", out, "--quiet"],
            before: {
                reset("va_bench_one")
                try? fm.removeItem(atPath: out)
            })
        rows.append(
            Row(
                stage: "aggregation: `aggregate` into PostgreSQL, 1 ingester (ratio to SQLite)", files: reportFiles.count, bytes: bytes,
                measured: one, baseline: sqlite))

        // Four processes, each a quarter of the reports (hard links in folders of their own).
        var quarters: [String] = []
        for q in 0..<4 {
            let folder = outputs + "/reports-quarter-\(q)"
            try? fm.removeItem(atPath: folder)
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch { fail("cannot create \(folder)") }
            for (n, file) in reportFiles.enumerated() where n % 4 == q {
                guard link(file, folder + "/" + (file as NSString).lastPathComponent) == 0 else {
                    fail("cannot link \(file) into \(folder)")
                }
            }
            quarters.append(folder)
        }
        let quote = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var script = ""
        for (q, folder) in quarters.enumerated() {
            script +=
                "\(quote(tool)) aggregate \(quote(folder)) --db \(quote(url("va_bench_four"))) --out \(quote(out + "-\(q)")) --quiet & p\(q)=$!; "
        }
        script += "s=0; for p in $p0 $p1 $p2 $p3; do wait $p || s=1; done; exit $s"
        let four = measure(
            "aggregate into PostgreSQL, 4 ingesters at once", ["/bin/sh", "-c", script],
            before: {
                reset("va_bench_four")
                for q in 0..<4 { try? fm.removeItem(atPath: out + "-\(q)") }
            })
        rows.append(
            Row(
                stage: "aggregation: `aggregate` into PostgreSQL, 4 ingesters at once (ratio to SQLite)", files: reportFiles.count,
                bytes: bytes, measured: four, baseline: sqlite))

        // The dashboard from the stores alone: no report read, every rollup from what is stored.
        let sqliteRender = measure(
            "re-render from SQLite", [tool, "aggregate", "--db", sqliteStore, "--out", outputs + "/render-sqlite", "--quiet"])
        rows.append(
            Row(
                stage: "dashboard from the SQLite store (rollups in the tool)", files: reportFiles.count, bytes: 0,
                measured: sqliteRender, baseline: sqliteRender, isBaseline: true))
        let render = measure(
            "re-render from PostgreSQL", [tool, "aggregate", "--db", url("va_bench_one"), "--out", outputs + "/render-postgres", "--quiet"])
        rows.append(
            Row(
                stage: "dashboard from the PostgreSQL store (rollups in SQL)", files: reportFiles.count, bytes: 0, measured: render,
                baseline: sqliteRender))
        reset("va_bench_small")
        guard
            Child.output(
                [
                    tool, "aggregate", smallReports, "--db", url("va_bench_small"), "--out", outputs + "/aggregate-postgres-small",
                    "--quiet",
                ],
                scratch: outputs) != nil
        else { fail("aggregate of the subset into PostgreSQL failed") }
        let smallCount = Listing.reports([smallReports]).count
        let smallRender = measure(
            "subset: re-render from PostgreSQL",
            [tool, "aggregate", "--db", url("va_bench_small"), "--out", outputs + "/render-postgres-small", "--quiet"])
        rows.append(
            Row(stage: "subset: dashboard from the PostgreSQL store", files: smallCount, bytes: 0, measured: smallRender))

        for database in ["va_bench_one", "va_bench_four", "va_bench_small"] {
            _ = Child.output(
                ["psql", "-q", server, "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"], searchPath: true, scratch: outputs)
        }
        for folder in quarters { try? fm.removeItem(atPath: folder) }
        return [
            "- PostgreSQL, 4 ingesters at once: \(format(one.seconds / four.seconds, 2))× the one-ingester rate; "
                + "1 ingester \(format(sqlite.seconds / one.seconds, 2))× and 4 ingesters \(format(sqlite.seconds / four.seconds, 2))× the SQLite rate",
            "- dashboard from the store, \(grouped(reportFiles.count)) reports: SQLite \(format(sqliteRender.seconds, 2)) s, "
                + "PostgreSQL \(format(render.seconds, 2)) s (process start, connection, rollups, every output)",
            memoryLine(
                "dashboard from PostgreSQL", small: smallRender, smallCount: smallCount, large: render, largeCount: reportFiles.count,
                unit: "stored reports"),
        ]
    }
}
