#!/bin/bash
# The demo (README): on a fresh Debian 12 machine as root. Installs what is missing, builds the controller,
# starts Open vSwitch, then mininet/demo.py starts the controller and a Mininet network, runs clients,
# prints who carried and served what and a dispatcher failover, and removes everything it made.
# Open vSwitch is stopped at the end only if this script started it.
# Usage (root): ci/demo.sh [--trunk-mode spray|flow-hash] [-k N]     (SB_PREFIX=xy to rename what it creates)
set -euo pipefail
here="$(dirname "$(readlink -f "$0")")"
. "$here/lib.sh"
require_root
repo="$(dirname "$here")"

ovs_was_running=unknown
on_exit() {
    local status=$?
    # demo.py cleans up after itself; this catches a demo that was killed outright.
    if [ -f "$repo/mininet/cleanup.py" ] && command -v ovs-vsctl >/dev/null; then
        /usr/bin/python3 "$repo/mininet/cleanup.py" --prefix "$SB_PREFIX" >/dev/null 2>&1 \
            || log "cleanup.py --prefix $SB_PREFIX reported a problem"
    fi
    if [ "$ovs_was_running" = no ] && [ "${SB_KEEP_OVS:-0}" != 1 ]; then
        "$here/ovs-down.sh" || log "ovs-down.sh failed"
    fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

log "installing what is missing"
"$here/install-deps.sh"

log "building the controller (standalone-controller and the modules it needs)"
(cd "$repo" && mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl standalone-controller -am install)
jar="$repo/standalone-controller/target/switchboard-controller.jar"
[ -f "$jar" ] || die "the build did not produce $jar"

ovs_was_running=no
ovs-vsctl --timeout=2 show >/dev/null 2>&1 && ovs_was_running=yes
"$here/ovs-up.sh"

log "running the demo"
/usr/bin/python3 "$repo/mininet/demo.py" --prefix "$SB_PREFIX" --jar "$jar" "$@"
