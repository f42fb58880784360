#!/usr/bin/env bash
# Runs the embedded Elasticsearch 8.14.3 node in the foreground (exec: SIGTERM goes to the JVM,
# whose shutdown hook closes the node cleanly). Logs go to stdout/stderr; redirect as needed.
#   usage: run.sh <dataDir> <httpPort> [clusterName]
# env: GROUPCHAT_ES_CACHE (default ~/.cache/groupchat/elasticsearch, must have been set up by setup.sh)
#      ES_HEAP (default: -Xms512m -Xmx1g), ES_JAVA_OPTS (extra JVM flags, e.g. -Des.setting.logger.level=WARN)
set -euo pipefail
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
CACHE="${GROUPCHAT_ES_CACHE:-$HOME/.cache/groupchat/elasticsearch}"
JVM_ARGS=(${ES_HEAP:--Xms512m -Xmx1g}
  -XX:+UseG1GC
  -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
  -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true
  -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0
  -Des.networkaddress.cache.ttl=60 -Des.networkaddress.cache.negative.ttl=10
  ${ES_JAVA_OPTS:-}
  -cp "$CACHE/classes:$CACHE/lib/*")
if [[ "${1:-}" == "--print-jvm-args" ]]; then printf '%q ' "${JVM_ARGS[@]}"; exit 0; fi
if [[ $# -lt 2 ]]; then echo "usage: $0 <dataDir> <httpPort> [clusterName]" >&2; exit 2; fi
[[ -f "$CACHE/classes/groupchat/GroupchatEsNode.class" ]] || { echo "not set up: run setup.sh '$CACHE' first" >&2; exit 3; }
exec "$JAVA_HOME/bin/java" "${JVM_ARGS[@]}" groupchat.GroupchatEsNode "$1" "$2" "${3:-groupchat}"
