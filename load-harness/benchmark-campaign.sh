#!/bin/bash
# Every controller figure of docs/benchmarks.md, each run 3 times against a fresh controller, then the plots.
# Run on a quiet machine (nothing else using the cores); about 25 minutes.
# Usage: load-harness/benchmark-campaign.sh OUT_DIR
#   OUT_DIR/sweep      closed loop, 2000 outstanding, 20 s after 5 s warm-up, k = 1..8
#   OUT_DIR/sustained  closed loop, k=3, 60 s after 10 s warm-up
#   OUT_DIR/open50k    open loop 50,000/s, k=3, 20 s after a 10 s warm-up ramp
#   OUT_DIR/heap       1,000,000 live sessions, k=1 and k=3, class histograms
#   OUT_DIR/img        setup-rate-vs-k.png (sweep), latency-cdf.png and replication-lag-cdf.png (open50k)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: $0 OUT_DIR}"
runs="${RUNS:-3}"
mkdir -p "$out"/{sweep,sustained,open50k,heap,img}
log() { echo "$(date +%H:%M:%S) $*"; }
summary() { grep -E "setup rate|pkt-in|replication|heap  " "$1" | sed 's/^/    /' || log "    FAILED: see $1"; }

for k in 1 2 3 4 5 6 7 8; do
    # Tables sized for the whole run: growing one mid-run measures the doubling, not the steady state.
    # (the harness never ends a session: a run holds rate x 25 s of them)
    sessions=$(( k <= 2 ? 12000000 : k <= 4 ? 9000000 : 6000000 ))
    for r in $(seq 1 "$runs"); do
        log "sweep k=$k run $r"
        EXPECTED_SESSIONS=$sessions "$here/run-benchmark.sh" "$k" "$out/sweep/closed-k$k-$r.json" \
            --outstanding 2000 --duration 20 --warmup 5 --label "k=$k" > "$out/sweep/closed-k$k-$r.txt" 2>&1 || true
        summary "$out/sweep/closed-k$k-$r.txt"
    done
done
for r in $(seq 1 "$runs"); do
    log "sustained 60 s run $r"
    EXPECTED_SESSIONS=24000000 CONTROLLER_HEAP=8g "$here/run-benchmark.sh" 3 "$out/sustained/closed60-k3-$r.json" \
        --outstanding 2000 --duration 60 --warmup 10 --label "k=3 60 s" > "$out/sustained/closed60-k3-$r.txt" 2>&1 || true
    summary "$out/sustained/closed60-k3-$r.txt"
done
for r in $(seq 1 "$runs"); do
    log "open loop 50k/s run $r"
    EXPECTED_SESSIONS=2000000 "$here/run-benchmark.sh" 3 "$out/open50k/open50k-k3-$r.json" \
        --rate 50000 --duration 20 --warmup 10 --ramp-warmup --label "k=3 50k/s run $r" \
        > "$out/open50k/open50k-k3-$r.txt" 2>&1 || true
    summary "$out/open50k/open50k-k3-$r.txt"
done
for k in 1 3; do
    for r in $(seq 1 "$runs"); do
        log "heap k=$k run $r"
        "$here/heap-per-session.sh" "$k" 1000000 "$out/heap/heap-k$k-$r.json" > "$out/heap/heap-k$k-$r.txt" 2>&1 || true
        summary "$out/heap/heap-k$k-$r.txt"
    done
done
harness="$here/target/switchboard-harness.jar"
java -jar "$harness" plot --kind rate --rate-target 100000 --out-dir "$out/img" "$out/sweep"
java -jar "$harness" plot --kind latency --latency-target-ms 2 --out-dir "$out/img" "$out/open50k"
java -jar "$harness" plot --kind lag --lag-target-ms 5 --out-dir "$out/img" "$out/open50k"
log "done: $out"
