#!/bin/bash
# Runs the Mininet emulation tests (mininet/tests) with Open vSwitch up. Stops OVS afterwards only if
# it was not running before (and SB_KEEP_OVS is not 1). Extra arguments go to pytest (-k selftest, -x).
# Usage (root, from anywhere): ci/emulation-tests.sh [pytest args...]
set -euo pipefail
here="$(dirname "$(readlink -f "$0")")"
. "$here/lib.sh"
require_root
repo="$(dirname "$here")"

ovs_was_running=no
ovs-vsctl --timeout=2 show >/dev/null 2>&1 && ovs_was_running=yes
"$here/ovs-up.sh"
if [ "$ovs_was_running" = no ] && [ "${SB_KEEP_OVS:-0}" != 1 ]; then
    trap '"$here/ovs-down.sh" || log "ovs-down.sh failed"' EXIT
fi
# Leftovers of a crashed earlier run would make the first topology fail ("File exists").
/usr/bin/python3 "$repo/mininet/cleanup.py" --prefix "$SB_PREFIX" >/dev/null
cd "$repo"
# /usr/bin/python3 explicitly: it has the mininet module; a python3 first on PATH (pyenv, venv) may not.
/usr/bin/python3 -m pytest -c mininet/pytest.ini --rootdir mininet mininet/tests "$@"
