#!/bin/bash
# One load-harness run against a fresh standalone controller: generates a config for k dispatchers,
# starts the controller jar, runs the harness with the given arguments, stops the controller (by PID).
# Usage: load-harness/run-benchmark.sh K OUT.json [harness run options...]
#   e.g. load-harness/run-benchmark.sh 3 results/closed-k3-1.json --outstanding 2000 --duration 30 --warmup 10
# Environment: EXPECTED_SESSIONS sizes each dispatch table up front (default 4194304: a 60 s run at 100k/s
# outgrows it once); CONTROLLER_HEAP (default 6g); CONTROLLER_JAVA_OPTS is added to the controller's JVM options.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
k="$1"; out="$2"; shift 2
harness="$repo/load-harness/target/switchboard-harness.jar"
controller="$repo/standalone-controller/target/switchboard-controller.jar"
for jar in "$harness" "$controller"; do
    [ -f "$jar" ] || { echo "missing $jar: mvn -q -pl load-harness,standalone-controller -am install -DskipTests" >&2; exit 2; }
done
# Another controller on the generated ports would make ours fail to start and the harness measure that one instead.
if command -v ss >/dev/null && [ -n "$(ss -Hltn 'sport = :6653 or sport = :8181')" ]; then
    echo "127.0.0.1:6653 or :8181 is already in use (another controller running?): not starting a second one" >&2
    exit 2
fi
work="$(mktemp -d /tmp/sb-bench.XXXXXX)"
java -jar "$harness" generate-config --dispatchers "$k" --expected-sessions "${EXPECTED_SESSIONS:-4194304}" --out "$work/config.json" >/dev/null
java -Xmx"${CONTROLLER_HEAP:-6g}" ${CONTROLLER_JAVA_OPTS:-} -jar "$controller" --config "$work/config.json" >"$work/controller.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; cp "$work/controller.log" "${out%.json}.controller.log" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
java -jar "$harness" run --config "$work/config.json" --controller 127.0.0.1:6653 --controller-pid "$pid" \
    --json "$out" "$@"
