#!/usr/bin/env bash
# Stops the broker started by kafka-up.sh: SIGTERM (a clean, controlled shutdown), then SIGKILL
# when it has not exited after 30 s.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pid_file="$here/run/kafka.pid"

if [ ! -f "$pid_file" ] || ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "kafka: no broker started by kafka-up.sh is running."
  rm -f "$pid_file"
  exit 0
fi

pid="$(cat "$pid_file")"
kill -TERM "$pid"
for _ in $(seq 1 30); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pid_file"
    echo "kafka: stopped (pid $pid)."
    exit 0
  fi
  sleep 1
done
echo "kafka: pid $pid still running after 30 s; sending SIGKILL." >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pid_file"
