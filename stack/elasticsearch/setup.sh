#!/usr/bin/env bash
# Idempotent setup for the embedded Elasticsearch 8.14.3 node.
#   usage: setup.sh [cacheDir]      (default: ~/.cache/groupchat/elasticsearch)
# Produces <cache>/lib (all jars, via Maven) and <cache>/classes (compiled launcher).
# Re-resolves only when pom.xml changed; recompiles only when src/ or the jars changed.
set -euo pipefail
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
export PATH="$JAVA_HOME/bin:$PATH"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${1:-${GROUPCHAT_ES_CACHE:-$HOME/.cache/groupchat/elasticsearch}}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

# 1) jars ----------------------------------------------------------------------
pom_sum="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
if [[ ! -f "$CACHE/lib/.pom.sha256" || "$(cat "$CACHE/lib/.pom.sha256")" != "$pom_sum" ]]; then
  echo "[setup] resolving jars into $CACHE/lib" >&2
  rm -rf "$CACHE/lib.tmp"
  mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$CACHE/lib.tmp" >&2
  echo "$pom_sum" > "$CACHE/lib.tmp/.pom.sha256"
  rm -rf "$CACHE/lib" && mv "$CACHE/lib.tmp" "$CACHE/lib"
fi

# 2) launcher classes ----------------------------------------------------------
src_sum="$( (cd "$HERE/src" && find . -name '*.java' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; echo "$pom_sum") | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$CACHE/classes/.src.sha256" || "$(cat "$CACHE/classes/.src.sha256")" != "$src_sum" ]]; then
  echo "[setup] compiling launcher into $CACHE/classes" >&2
  rm -rf "$CACHE/classes.tmp" && mkdir -p "$CACHE/classes.tmp"
  javac -nowarn -encoding UTF-8 --release 17 -d "$CACHE/classes.tmp" -cp "$CACHE/lib/*" \
    $(find "$HERE/src" -name '*.java')
  echo "$src_sum" > "$CACHE/classes.tmp/.src.sha256"
  rm -rf "$CACHE/classes" && mv "$CACHE/classes.tmp" "$CACHE/classes"
fi

echo "[setup] ok. Run with:" >&2
echo "GROUPCHAT_ES_CACHE='$CACHE' '$HERE/run.sh' <dataDir> <httpPort> [clusterName]"
echo "# i.e.: $JAVA_HOME/bin/java $(GROUPCHAT_ES_CACHE="$CACHE" "$HERE/run.sh" --print-jvm-args) groupchat.GroupchatEsNode <dataDir> <httpPort> [clusterName]"
