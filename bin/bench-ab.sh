#!/bin/sh
# Side-by-side throughput of two processor builds: bin/bench-ab.sh BASE_DIR NEW_DIR [PAIRS] [CORPUS]
# Each DIR holds a copy of cli/target's logpipe-cli.jar and lib/ (after `./mvnw -q -pl cli -am package -DskipTests`
# at the commit to compare). The two builds run alternately, so both see the same machine load, each pass under a
# machine-wide lock so that concurrent comparisons never overlap; each line gives one pair's medians (events per
# CPU-second of the processing thread). Figures taken at different hours on a shared machine are not comparable.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bin/select-jdk.sh"
BASE=${1:?usage: bin/bench-ab.sh BASE_DIR NEW_DIR [PAIRS] [CORPUS]}
NEW=${2:?usage: bin/bench-ab.sh BASE_DIR NEW_DIR [PAIRS] [CORPUS]}
PAIRS=${3:-4}
CORPUS=${4:-/tmp/corpus/events.ndjson}
median() {
  flock /tmp/logpipe-bench.lock "$JAVA_HOME/bin/java" -XX:+UseSerialGC -jar "$1/logpipe-cli.jar" \
    bench --input "$CORPUS" --warmup 2 --iterations 5 2>&1 | sed -n 's/^median \([0-9,]*\) .*/\1/p'
}
i=1
while [ "$i" -le "$PAIRS" ]; do
  b=$(median "$BASE")
  n=$(median "$NEW")
  echo "pair $i: base $b  new $n  (load $(cut -d' ' -f1 /proc/loadavg))"
  i=$((i + 1))
done
