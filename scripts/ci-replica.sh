#!/usr/bin/env bash
# Starts a PostgreSQL streaming replica of the machine's cluster on port 5433 (issue 12: statistics read
# from DATABASE_READ_URL; CI runs their tests against a real replica). Idempotent; prints the replica's
# base URL on success, nothing on failure. Needs root (pg_createcluster) and a primary on 127.0.0.1:5432.
set -uo pipefail
V="$(ls /etc/postgresql | head -n1)"
PORT=5433
PRIMARY_HBA="/etc/postgresql/$V/main/pg_hba.conf"
DATA="/var/lib/postgresql/$V/replica"

if ! pg_lsclusters -h | awk '{print $2}' | grep -qx replica; then
  # The primary lets local replication connections in.
  if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$PRIMARY_HBA"; then
    printf 'host replication all 127.0.0.1/32 trust\n' >>"$PRIMARY_HBA"
    pg_ctlcluster --skip-systemctl-redirect "$V" main reload >/dev/null 2>&1 || true
  fi
  pg_createcluster "$V" replica -p "$PORT" >/dev/null 2>&1 || exit 0
  # Debian keeps postgresql.conf and pg_hba.conf in /etc: the copied data directory brings only
  # postgresql.auto.conf and standby.signal (-R), which make it a standby of the primary. A copy
  # fails if a database is dropped while it runs (another test run's): try again, and leave no
  # half-made cluster behind when it never succeeds.
  copied=""
  for _ in 1 2 3; do
    rm -rf "${DATA:?}"/* "${DATA:?}"/.[!.]* 2>/dev/null
    if pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$DATA" -R -X stream >/dev/null 2>&1; then
      copied=yes
      break
    fi
    sleep 2
  done
  if [ -z "$copied" ]; then
    pg_dropcluster "$V" replica >/dev/null 2>&1
    exit 0
  fi
  chown -R postgres:postgres "$DATA"
  chmod 700 "$DATA"
  cat >"/etc/postgresql/$V/replica/pg_hba.conf" <<'HBA'
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
HBA
fi
pg_ctlcluster --skip-systemctl-redirect "$V" replica start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  if [ "$(psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = "t" ]; then
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    exit 0
  fi
  sleep 1
done
