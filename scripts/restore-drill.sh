#!/usr/bin/env bash
# Restore drill for a PostgreSQL store: dumps DATABASE_URL with pg_dump (custom format), restores the dump into
# an empty database RESTORE_URL with pg_restore, and checks that the copy holds at least every list, entry and
# audit event the source held when the dump began (more may arrive meanwhile on a live database). Exits 0 only
# then. Run it on a schedule: a backup that has never been restored is a hope, not a backup.
#   DATABASE_URL=postgres://…/rounds RESTORE_URL=postgres://…/rounds_restore scripts/restore-drill.sh [dump file]
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL: the database to back up}"
: "${RESTORE_URL:?RESTORE_URL: an empty database to restore into}"
dump="${1:-$(mktemp -t rounds-XXXXXX.dump)}"

counts() {
  psql --no-psqlrc --tuples-only --no-align --field-separator=' ' --dbname="$1" --command \
    "SELECT (SELECT count(*) FROM lists), (SELECT count(*) FROM entries), (SELECT count(*) FROM audit_events)"
}

read -r lists entries events <<<"$(counts "$DATABASE_URL")"
pg_dump --format=custom --no-owner --file="$dump" "$DATABASE_URL"
pg_restore --no-owner --exit-on-error --dbname="$RESTORE_URL" "$dump"
read -r r_lists r_entries r_events <<<"$(counts "$RESTORE_URL")"

echo "source when the dump began: $lists lists, $entries entries, $events audit events"
echo "restored copy:              $r_lists lists, $r_entries entries, $r_events audit events ($(du -h "$dump" | cut -f1), $dump)"
if [ "$r_lists" -lt "$lists" ] || [ "$r_entries" -lt "$entries" ] || [ "$r_events" -lt "$events" ]; then
  echo "restore drill FAILED: the restored copy misses rows" >&2
  exit 1
fi
echo "restore drill passed"
