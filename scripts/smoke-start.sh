#!/usr/bin/env bash
# Proves the README's promise: `npm start` on a fresh data directory serves the UI and a healthy API on PGlite,
# and a second process on the same data directory is refused.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
port=${SMOKE_PORT:-3900}
log=$dir/server.log
PORT=$port DATA_DIR=$dir/data npm start >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/api/health" >"$dir/health.json" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "server exited"; exit 1; }
  sleep 1
done
grep -q '"status":"ok"' "$dir/health.json" && grep -q '"database":"pglite"' "$dir/health.json" || { cat "$dir/health.json" "$log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "UI not served"; exit 1; }
echo "health: $(cat "$dir/health.json")"
set +e
PORT=$((port + 1)) DATA_DIR=$dir/data timeout 60 npm run start -w @casearena/server >"$dir/second.log" 2>&1
code=$?
set -e
[ "$code" = 3 ] && grep -q '正被另一个 CaseArena 进程' "$dir/second.log" || { echo "second process was not refused (exit $code)"; cat "$dir/second.log"; exit 1; }
echo "second process on the same DATA_DIR refused as expected"
kill -TERM $pid
wait $pid || true
trap - EXIT
