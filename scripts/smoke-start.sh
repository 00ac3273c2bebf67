#!/usr/bin/env bash
# Proves the README's promise: `npm start` on a fresh data directory serves the UI and a healthy API on PGlite,
# and a second process on the same data directory is refused. Each server runs in its own process group so
# that stopping it stops npm, tsx and node together (signals to npm alone can leave the server running).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=${SMOKE_PORT:-$(free_port)}
log=$dir/server.log
PORT=$port HOST=127.0.0.1 DATA_DIR=$dir/data setsid npm start >"$log" 2>&1 &
pid=$!
# SIGTERM to the whole group, then wait until every process in it is gone (the server finishes its requests
# and flushes PGlite after npm itself has already exited).
stop() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$port/api/health" >"$dir/health.json" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "server exited"; exit 1; }
  sleep 1
done
grep -q '"status":"ok"' "$dir/health.json" && grep -q '"database":"pglite"' "$dir/health.json" || { cat "$dir/health.json" "$log"; exit 1; }
# The answer must come from this server: it holds the lock of this data directory.
[ -f "$dir/data/casearena.lock" ] || { echo "health answered, but not by the server on $dir/data"; cat "$log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "UI not served"; exit 1; }
echo "health: $(cat "$dir/health.json")"
set +e
PORT=$(free_port) HOST=127.0.0.1 DATA_DIR=$dir/data timeout 60 npm run start -w @casearena/server >"$dir/second.log" 2>&1
code=$?
set -e
if [ "$code" != 3 ] || ! grep -q '正被另一个 CaseArena 进程' "$dir/second.log"; then
  echo "second process was not refused (exit $code)"
  cat "$dir/second.log"
  exit 1
fi
echo "second process on the same DATA_DIR refused as expected"
stop
trap - EXIT
[ ! -f "$dir/data/casearena.lock" ] || { echo "lock left behind after shutdown"; exit 1; }
echo "stopped cleanly; lock released"
