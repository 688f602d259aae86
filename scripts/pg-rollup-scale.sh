#!/usr/bin/env bash
# How the dashboard from a PostgreSQL store grows with the number of stored reports: ingests
# REPORTS (a folder of XML reports) once, then copies those rows N-1 more times under new
# digests and venue ids (SQL, not re-ingesting), and times `aggregate --db URL --out DIR`
# (connect, rollups in SQL, every output) at each size, with the tool's peak memory (--stats).
#
#   scripts/pg.sh run -- scripts/pg-rollup-scale.sh TOOL REPORTS [N...]     (default N: 1 10 100)
#
# Needs VENUE_AUDIT_TEST_POSTGRES and PGPASSFILE, which scripts/pg.sh sets.
set -euo pipefail
tool=${1:?usage: pg-rollup-scale.sh TOOL REPORTS [N...]}
reports=${2:?usage: pg-rollup-scale.sh TOOL REPORTS [N...]}
shift 2
factors=("$@")
[ ${#factors[@]} -gt 0 ] || factors=(1 10 100)
server=${VENUE_AUDIT_TEST_POSTGRES:?run under scripts/pg.sh}
db=${server%/*}/va_scale
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -q "$server" -c "DROP DATABASE IF EXISTS va_scale WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
psql -q "$server" -c "DROP DATABASE IF EXISTS va_scale WITH (FORCE)" -c "CREATE DATABASE va_scale"
"$tool" aggregate "$reports" --db "$db" --out "$work/ingest" --quiet >/dev/null
psql -q "$db" -c "CREATE TABLE base_report AS SELECT * FROM report" -c "CREATE TABLE base_finding AS SELECT * FROM finding"
copies=1
echo "| stored reports | findings | dashboard from the store (s) | peak RSS of the tool (MiB) | database size |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for n in "${factors[@]}"; do
  if [ "$n" -gt "$copies" ]; then
    psql -q "$db" <<SQL
INSERT INTO report (digest, path, generated_at, venue_id, venue_name, venue_type, jurisdiction, district, kind, date, day,
  profile, verdict, assessment, signer_name, signer_organization, signer_key_id)
SELECT digest || '-' || i, path, generated_at, venue_id || '-' || i, venue_name, venue_type, jurisdiction, district, kind,
  date, day, profile, verdict, assessment || '-' || i, signer_name, signer_organization, signer_key_id
FROM base_report, generate_series($copies, $n - 1) AS i;
INSERT INTO finding (report, seq, rule, target, severity, state)
SELECT report || '-' || i, seq, rule, target, severity, state FROM base_finding, generate_series($copies, $n - 1) AS i;
VACUUM ANALYZE report;
VACUUM ANALYZE finding;
SQL
    copies=$n
  fi
  counts=$(psql -qtA "$db" -c "SELECT (SELECT count(*) FROM report) || ' ' || (SELECT count(*) FROM finding) || ' ' || pg_size_pretty(pg_database_size(current_database()))")
  set -- $counts
  # The tool's own figures: wall time of the run and VmHWM.
  stats=$("$tool" aggregate --db "$db" --out "$work/render" --quiet --stats 2>&1 >/dev/null | grep '^stats:')
  seconds=$(printf '%s\n' "$stats" | sed -n 's/.* reports, \([0-9.]*\) s,.*/\1/p')
  peak=$(printf '%s\n' "$stats" | sed -n 's/.*peak memory \([0-9]*\) KiB.*/\1/p')
  printf '| %s | %s | %s | %s | %s %s |\n' "$1" "$2" "$seconds" "$((peak / 1024))" "$3" "$4"
done
