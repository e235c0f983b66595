#!/bin/bash
# The controller's live heap per session, measured from class histograms rather than estimated: a fresh controller
# with tables sized for N sessions; a class histogram (jcmd GC.class_histogram, after a full GC) before the
# switches connect; N sessions set up in closed loop; a second histogram after the run while the switches are still
# connected. bytes/session = (live heap after - live heap before) / sessions set up; the top classes show where it
# went. The figure includes what connecting the switches costs once, which is small against N = 1,000,000.
# Usage: load-harness/heap-per-session.sh K N OUT.json [more harness run options...]
#   e.g. load-harness/heap-per-session.sh 3 1000000 results/heap-k3.json
# Environment: as run-benchmark.sh (CONTROLLER_HEAP, CONTROLLER_JAVA_OPTS); EXPECTED_SESSIONS is set to N.
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 K N OUT.json [harness run options...]" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
k="$1"; n="$2"; out="$3"; shift 3
case "$n" in
    ''|*[!0-9]*) echo "N: '$n' is not a session count" >&2; exit 2 ;;
esac
EXPECTED_SESSIONS="$n" exec "$here/run-benchmark.sh" "$k" "$out" --outstanding 2000 --sessions "$n" \
    --heap-histogram "$@"
