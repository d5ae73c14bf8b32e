#!/bin/sh
# A scheduled backup of the store: a complete, consistent copy taken with the program's own
# `backup` command (safe while the dashboard runs), then copies older than KEEP_DAYS removed.
#
#   UCCN_DB     the store (default: the program's, data/uccn.duckdb or the image's /data/uccn.duckdb)
#   BACKUP_DIR  where the copies go; best on another disk, and in IT's own backup (default /backups)
#   KEEP_DAYS   how many days of copies to keep (default 35)
#   PYTHON      the Python with the program installed (default: python)
#
# Run it from the project folder (/app in the image). Exit status: 0 done, non-zero on any
# failure, so that the scheduler (systemd, cron) reports it.
set -eu

BACKUP_DIR="${BACKUP_DIR:-/backups}"
KEEP_DAYS="${KEEP_DAYS:-35}"
PYTHON="${PYTHON:-python}"

mkdir -p "$BACKUP_DIR"
copy="$BACKUP_DIR/uccn-$(date -u +%Y%m%d-%H%M%S).duckdb"
"$PYTHON" -m uccn_data backup --out "$copy"
# Only this script's own copies are pruned, and never the one just made.
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'uccn-*.duckdb' -mtime +"$KEEP_DAYS" \
    ! -path "$copy" -exec rm -f -- {} +
