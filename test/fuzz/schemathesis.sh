#!/usr/bin/env bash
# Fuzzes the public API with schemathesis against /api/v1/openapi.json, with a valid token.
#
#   bash test/fuzz/schemathesis.sh                 # against the local stack (npm run stack -- up)
#   FUZZ_EXAMPLES=200 FUZZ_SEED=7 bash test/fuzz/schemathesis.sh
#
# It installs schemathesis (pinned) into a virtualenv in the download cache when missing, starts
# the whole app (`npx tsx src/main.ts`) on a free port in a namespace and database of its own,
# registers a user, logs in, runs `st run` with the checks `not_a_server_error` and
# `response_schema_conformance`, stops the app and exits with schemathesis' status.
# Reports (JUnit XML, NDJSON) go to .data/fuzz/.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
CACHE="${GROUPCHAT_CACHE_DIR:-$HOME/.cache/groupchat}"
VENV="$CACHE/venv"
EXAMPLES="${FUZZ_EXAMPLES:-60}"
SEED="${FUZZ_SEED:-20240611}"
PHASES="${FUZZ_PHASES:-examples,coverage,fuzzing,stateful}"
MAX_TIME="${FUZZ_MAX_TIME:-}"
OUT="$REPO/.data/fuzz"
mkdir -p "$OUT"

python=""
for candidate in python3.11 python3.12 python3; do
  if command -v "$candidate" >/dev/null 2>&1; then python="$candidate"; break; fi
done
[ -n "$python" ] || { echo "fuzz: python 3 is needed" >&2; exit 2; }

if ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "fuzz: installing schemathesis $SCHEMATHESIS_VERSION into $VENV" >&2
  "$python" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

PORT="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
NS="fuzz$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')_"
BASE_DB="${DATABASE_URL:-postgres://groupchat:groupchat@127.0.0.1:15432/postgres}"
DB="${BASE_DB%/*}/gc_${NS%_}"
URL="http://127.0.0.1:$PORT"
LOG="$OUT/app-$NS.log"

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:19092}"
export ELASTICSEARCH_URL="${ELASTICSEARCH_URL:-http://127.0.0.1:19200}"
export DATABASE_URL="$DB" GROUPCHAT_NAMESPACE="$NS" PORT HOST=127.0.0.1 LOG_LEVEL="${FUZZ_LOG_LEVEL:-warn}"
export MEDIA_DIR="$OUT/media-$NS"
export REGISTER_LIMIT_PER_IP=100000 LOGIN_LIMIT_PER_IP=100000 LOGIN_LIMIT_PER_ACCOUNT=100000 LOGIN_LIMIT_PER_IP_AND_ACCOUNT=100000
export MESSAGE_LIMIT_BURST=100000 MESSAGE_LIMIT_SUSTAINED=100000 MIN_POSITION_WAIT_MS=2000

echo "fuzz: starting the app on $URL (namespace $NS, log $LOG)" >&2
"$REPO/node_modules/.bin/tsx" src/main.ts >"$LOG" 2>&1 &
APP=$!
stop_app() {
  if kill -0 "$APP" 2>/dev/null; then
    kill -TERM "$APP" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP" 2>/dev/null || true
  fi
}
trap stop_app EXIT INT TERM

for _ in $(seq 1 600); do
  if curl -fsS "$URL/readyz" >/dev/null 2>&1; then break; fi
  kill -0 "$APP" 2>/dev/null || { echo "fuzz: the app exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$URL/readyz" >/dev/null || { echo "fuzz: the app did not become ready; see $LOG" >&2; exit 1; }

USERNAME="fuzz$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
PASSWORD="correct horse battery staple"
curl -fsS -X POST "$URL/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"email\":\"$USERNAME@example.com\",\"password\":\"$PASSWORD\",\"interests\":[\"fuzzing\"]}" >/dev/null
TOKEN="$(curl -fsS -X POST "$URL/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"login\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
# A group the user owns, with one message, so that generated ids sometimes meet real data.
GROUP="$(curl -fsS -X POST "$URL/api/v1/groups" -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \
  -d '{"name":"Fuzzing","description":"schemathesis","interests":["fuzzing"],"visibility":"public"}' | "$python" -c 'import json,sys; print(json.load(sys.stdin)["groupId"])')"
curl -fsS -X POST "$URL/api/v1/groups/$GROUP/messages" -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \
  -d '{"clientMessageId":"fuzz-1","text":"hello fuzz"}' >/dev/null

args=(run "$URL/api/v1/openapi.json" --url "$URL/api/v1"
  --checks not_a_server_error,response_schema_conformance
  --header "Authorization: Bearer $TOKEN"
  --max-examples "$EXAMPLES" --seed "$SEED" --phases "$PHASES"
  --workers "${FUZZ_WORKERS:-1}" --request-timeout 30 --suppress-health-check all
  --report junit,ndjson --report-junit-path "$OUT/junit-$NS.xml" --report-ndjson-path "$OUT/events-$NS.ndjson" --warnings off)
[ -n "$MAX_TIME" ] && args+=(--max-time "$MAX_TIME")

echo "fuzz: st ${args[*]//$TOKEN/<token>}" >&2
set +e
(cd "$OUT" && "$VENV/bin/st" "${args[@]}")
status=$?
set -e
# The answers by status, counted from the event stream of this run.
"$python" - "$OUT/events-$NS.ndjson" <<'PY' >&2 || true
import collections, re, sys
counts = collections.Counter(int(m) for m in re.findall(r'"status_code":\s*(\d+)', open(sys.argv[1]).read()))
total = sum(counts.values())
print(f"fuzz: {total} responses: " + ", ".join(f"{k}×{v}" for k, v in sorted(counts.items())))
print(f"fuzz: 5xx responses: {sum(v for k, v in counts.items() if k >= 500)}")
PY
# A 500 is logged as "unhandled error"; schemathesis should have seen it, but check the log too.
if grep -q '"msg":"unhandled error"' "$LOG" 2>/dev/null; then
  echo "fuzz: the app logged unhandled errors — see $LOG" >&2
  grep '"msg":"unhandled error"' "$LOG" | head -5 >&2
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
