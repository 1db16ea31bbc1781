#!/usr/bin/env bash
# Starts a PostgreSQL streaming replica of the machine's cluster on port 5433 (issue 12: statistics read
# from DATABASE_READ_URL; CI runs their tests against a real replica). Idempotent; prints the replica's
# base URL once it streams from the primary, nothing on failure. Needs root (pg_createcluster) and a
# primary on 127.0.0.1:5432.
set -uo pipefail
V="$(ls /etc/postgresql | head -n1)"
PORT=5433
SLOT=minsheng_ci_replica
PRIMARY_HBA="/etc/postgresql/$V/main/pg_hba.conf"
DATA="/var/lib/postgresql/$V/replica"
primary() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atc "$1" 2>/dev/null; }

# True once the primary sees the replica streaming (a standby that lost its WAL stays "in recovery"
# for ever without ever receiving a new database, so recovery alone proves nothing).
streaming() {
  for _ in $(seq 1 "$1"); do
    [ "$(primary "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" -ge 1 ] 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

make_replica() {
  # The primary lets local replication connections in.
  if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$PRIMARY_HBA"; then
    printf 'host replication all 127.0.0.1/32 trust\n' >>"$PRIMARY_HBA"
    pg_ctlcluster --skip-systemctl-redirect "$V" main reload >/dev/null 2>&1 || true
  fi
  pg_createcluster "$V" replica -p "$PORT" >/dev/null 2>&1 || return 1
  # Debian keeps postgresql.conf and pg_hba.conf in /etc: the copied data directory brings only
  # postgresql.auto.conf and standby.signal (-R), which make it a standby of the primary. The
  # replication slot (-C -S) keeps on the primary every WAL segment the standby has not received,
  # so a standby that falls behind while the tests write (2 cores, many databases created) catches
  # up instead of losing the stream. -c fast: do not wait for the next spread checkpoint. A copy
  # fails if a database is dropped while it runs (another test run's): try again.
  for _ in 1 2 3; do
    rm -rf "${DATA:?}"/* "${DATA:?}"/.[!.]* 2>/dev/null
    primary "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
    if pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$DATA" -R -X stream -c fast -C -S "$SLOT" >/dev/null 2>&1; then
      chown -R postgres:postgres "$DATA"
      chmod 700 "$DATA"
      cat >"/etc/postgresql/$V/replica/pg_hba.conf" <<'HBA'
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
HBA
      return 0
    fi
    sleep 2
  done
  return 1
}

drop_replica() {
  pg_dropcluster --stop "$V" replica >/dev/null 2>&1
  primary "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT' AND NOT active" >/dev/null
}

if pg_lsclusters -h | awk '{print $2}' | grep -qx replica; then
  pg_ctlcluster --skip-systemctl-redirect "$V" replica start >/dev/null 2>&1 || true
  # A replica left by an earlier run that no longer streams is made again.
  streaming 20 || drop_replica
fi
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx replica; then
  make_replica || { drop_replica; exit 0; }
  pg_ctlcluster --skip-systemctl-redirect "$V" replica start >/dev/null 2>&1 || true
fi
if streaming 60; then
  echo "postgres://postgres@127.0.0.1:$PORT/postgres"
fi
