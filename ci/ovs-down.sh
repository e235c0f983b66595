#!/bin/bash
# Stops what ci/ovs-up.sh started (by the PIDs it recorded) and nothing else.
# Deletes our leftover bridges first. Leaves OVS running if it was not ours, or (without --force)
# if bridges of somebody else still exist on it.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
require_root

force=no
[ "${1:-}" = --force ] && force=yes

STATE="$SB_OVS_STATE_DIR/state"
if [ ! -f "$STATE" ]; then
    log "no state in $SB_OVS_STATE_DIR: ovs-up.sh started nothing; nothing to stop"
    exit 0
fi
exec 9>"$SB_OVS_STATE_DIR/lock"
flock -w 60 9 || die "another ovs-up/ovs-down holds $SB_OVS_STATE_DIR/lock"
state_get() { sed -n "s/^$1=//p" "$STATE" | tail -1; }

if ovs-vsctl --timeout=2 show >/dev/null 2>&1; then
    for br in $(ovs-vsctl list-br | grep -E "$(our_bridge_re)" || true); do
        log "deleting leftover bridge $br"
        ovs-vsctl --timeout=10 --if-exists del-br "$br"
    done
    others=$(ovs-vsctl list-br | grep -vE "$(our_bridge_re)" | tr '\n' ' ' || true)
    if [ -n "$others" ] && [ "$force" = no ]; then
        log "bridges of others exist ($others); leaving Open vSwitch running (use --force to stop it)"
        exit 0
    fi
fi

# stop NAME PID: asks the daemon to exit, then TERM, then KILL, each with a deadline.
stop() {
    local name="$1" pid="$2"
    if ! pid_alive "$pid" "$name"; then
        log "$name pid $pid is no longer running"
        return 0
    fi
    ovs-appctl --timeout=5 -t "$OVS_RUNDIR/$name.$pid.ctl" exit >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until "$name pid $pid to exit" 10 not pid_running "$pid"; then
        log "killing $name pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
}

if [ "$(state_get started_vswitchd)" = yes ]; then
    stop ovs-vswitchd "$(state_get vswitchd_pid)"
else
    log "ovs-vswitchd was not started by ovs-up.sh; leaving it running"
fi
if [ "$(state_get started_ovsdb)" = yes ]; then
    stop ovsdb-server "$(state_get ovsdb_pid)"
else
    log "ovsdb-server was not started by ovs-up.sh; leaving it running"
fi
rm -f "$STATE"
