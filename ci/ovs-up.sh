#!/bin/bash
# Starts Open vSwitch for the Mininet emulation: userspace datapath, userspace TSO on.
#
#  * nothing running (no systemd, fresh container): create/upgrade conf.db, start ovsdb-server and
#    ovs-vswitchd (TSO set before ovs-vswitchd starts) and record their PIDs for ovs-down.sh;
#  * OVS already running (Debian starts it on install under systemd): set userspace-tso-enable and
#    restart ovs-vswitchd unless it provably runs with it (it reads the setting only at start-up);
#    a second OVS instance is never started (one userspace datapath per network namespace).
# Idempotent. Ends by creating and deleting a netdev probe bridge, which must really work.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
require_root
started_ms=$(now_ms)

for cmd in ovsdb-server ovs-vswitchd ovs-vsctl ovs-appctl ovsdb-tool ovs-ofctl flock; do
    command -v "$cmd" >/dev/null || die "'$cmd' not found: run ci/install-deps.sh first"
done

mkdir -p "$SB_OVS_STATE_DIR" "$OVS_RUNDIR" "$OVS_LOGDIR"
STATE="$SB_OVS_STATE_DIR/state"
exec 9>"$SB_OVS_STATE_DIR/lock"
flock -w 60 9 || die "another ovs-up/ovs-down holds $SB_OVS_STATE_DIR/lock"
touch "$STATE"

state_get() { sed -n "s/^$1=//p" "$STATE" | tail -1; }
state_set() {
    { grep -v "^$1=" "$STATE" || true; echo "$1=$2"; } >"$STATE.tmp"
    mv "$STATE.tmp" "$STATE"
}

db_answers() { ovs-vsctl --timeout=2 show >/dev/null 2>&1; }
ovsdb_pid() { local p; p=$(pidfile_pid "$OVS_RUNDIR/ovsdb-server.pid"); pid_alive "$p" ovsdb-server && echo "$p"; }
vswitchd_pid() { local p; p=$(pidfile_pid "$OVS_RUNDIR/ovs-vswitchd.pid"); pid_alive "$p" ovs-vswitchd && echo "$p"; }
vswitchd_answers() { ovs-appctl --timeout=2 -t ovs-vswitchd version >/dev/null 2>&1; }
vswitchd_log="$OVS_LOGDIR/ovs-vswitchd.log"
TSO_MARK='Userspace TCP Segmentation Offloading support enabled'

# True if the latest ovs-vswitchd start-up in the log (message sequence number 1) logged the TSO message.
tso_logged() {
    [ -r "$vswitchd_log" ] || return 1
    awk -v mark="$TSO_MARK" '/\|00001\|/ { seen = 0 } index($0, mark) { seen = 1 } END { exit !seen }' \
        "$vswitchd_log"
}

tso_effective() {
    local pid="$1"
    if [ "$(state_get tso_vswitchd_pid)" = "$pid" ]; then
        return 0
    fi
    tso_logged
}

start_ovsdb() {
    local db
    db=$(readlink -f "$OVS_DBDIR/conf.db")   # Debian: a symlink into /var/lib/openvswitch
    mkdir -p "$(dirname "$db")"
    if [ ! -s "$db" ]; then
        log "creating $db"
        ovsdb-tool create "$db" "$OVS_SCHEMA"
    elif [ "$(ovsdb-tool needs-conversion "$db" "$OVS_SCHEMA")" = yes ]; then
        log "converting $db to the installed schema"
        ovsdb-tool convert "$db" "$OVS_SCHEMA"
    fi
    ovsdb-server "$db" -vconsole:emer -vsyslog:err -vfile:info \
        --remote=punix:"$OVS_RUNDIR/db.sock" --remote=db:Open_vSwitch,Open_vSwitch,manager_options \
        --no-chdir --log-file="$OVS_LOGDIR/ovsdb-server.log" \
        --pidfile="$OVS_RUNDIR/ovsdb-server.pid" --detach 9>&-   # the daemon must not inherit our lock
    wait_until "ovsdb-server to answer" 10 db_answers || die "ovsdb-server did not come up; see $OVS_LOGDIR/ovsdb-server.log"
    ovs-vsctl --no-wait init
    state_set started_ovsdb yes
    state_set ovsdb_pid "$(ovsdb_pid)"
    log "started ovsdb-server (pid $(ovsdb_pid))"
}

start_vswitchd() {
    # Bridges left in conf.db are re-created at start-up; ours from a crashed run must go first.
    local br
    for br in $(ovs-vsctl list-br | grep -E "$(our_bridge_re)" || true); do
        log "deleting leftover bridge $br"
        ovs-vsctl --no-wait --if-exists del-br "$br"
    done
    ( ulimit -n 65535 2>/dev/null || true
      exec ovs-vswitchd unix:"$OVS_RUNDIR/db.sock" -vconsole:emer -vsyslog:err -vfile:info \
        --no-chdir --log-file="$vswitchd_log" --pidfile="$OVS_RUNDIR/ovs-vswitchd.pid" --detach ) 9>&-
    wait_until "ovs-vswitchd to answer" 10 vswitchd_answers || die "ovs-vswitchd did not come up; see $vswitchd_log"
    local pid
    pid=$(vswitchd_pid) || die "ovs-vswitchd started but its pidfile names no live process"
    state_set started_vswitchd yes
    state_set vswitchd_pid "$pid"
    log "started ovs-vswitchd (pid $pid)"
}

# Restarts an ovs-vswitchd we did not start, the way it was started.
restart_foreign_vswitchd() {
    local pid="$1"
    if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && systemctl is-active --quiet ovs-vswitchd 2>/dev/null; then
        log "restarting ovs-vswitchd through systemd so that it reads userspace-tso-enable"
        if systemctl restart ovs-vswitchd 9>&- && wait_until "ovs-vswitchd to answer after restart" 20 vswitchd_answers
        then
            state_set started_vswitchd no
            state_set vswitchd_pid "$(vswitchd_pid)"
            return 0
        fi
        # The unit runs ovs-ctl, which insists on the kernel module even for netdev-only use.
        log "systemd could not restart ovs-vswitchd (no openvswitch kernel module?); starting it directly"
        systemctl stop ovs-vswitchd 9>&- || true
        if pid=$(vswitchd_pid); then
            die "ovs-vswitchd pid $pid still runs after 'systemctl stop ovs-vswitchd'"
        fi
        start_vswitchd
    else
        log "stopping the running ovs-vswitchd (pid $pid) to restart it with userspace TSO"
        ovs-appctl --timeout=5 -t ovs-vswitchd exit || kill -TERM "$pid"
        wait_until "ovs-vswitchd pid $pid to exit" 10 not pid_running "$pid" || die "ovs-vswitchd pid $pid did not exit"
        start_vswitchd
    fi
}

# 1. ovsdb-server
if db_answers; then
    log "ovsdb-server already answers (pid $(ovsdb_pid || echo unknown))"
else
    if p=$(ovsdb_pid); then
        die "ovsdb-server pid $p runs but does not answer on $OVS_RUNDIR/db.sock; not touching it"
    fi
    start_ovsdb
fi

# 2. userspace TSO (read by ovs-vswitchd only when it starts)
tso_changed=no
if [ "$(ovs-vsctl get Open_vSwitch . other_config:userspace-tso-enable 2>/dev/null | tr -d '"')" != true ]; then
    ovs-vsctl --no-wait set Open_vSwitch . other_config:userspace-tso-enable=true
    tso_changed=yes
fi

# 3. ovs-vswitchd
if pid=$(vswitchd_pid) && vswitchd_answers; then
    if [ "$tso_changed" = yes ] || ! tso_effective "$pid"; then
        restart_foreign_vswitchd "$pid"
    else
        log "ovs-vswitchd already runs with userspace TSO (pid $pid)"
    fi
else
    start_vswitchd
fi
pid=$(vswitchd_pid) || die "no ovs-vswitchd after start-up"
wait_until "ovs-vswitchd (pid $pid) to log '$TSO_MARK'" 10 tso_logged \
    || die "ovs-vswitchd runs without userspace TSO: every TCP connection through a switch would fail"
state_set tso_vswitchd_pid "$pid"

# 4. The database answers and a netdev bridge really works (add-br exits 0 even when it fails).
wait_until "'ovs-vsctl show' to answer" 10 db_answers || die "ovs-vsctl show does not answer"
probe="${SB_PREFIX}probe"
out=$(ovs-vsctl --timeout=10 -- --may-exist add-br "$probe" \
        -- set Bridge "$probe" datapath_type=netdev protocols=OpenFlow13 fail_mode=secure 2>&1) \
    || die "add-br $probe failed: $out"
[ -z "$out" ] || { ovs-vsctl --timeout=10 --if-exists del-br "$probe"; die "add-br $probe: $out"; }
err=$(ovs-vsctl get Interface "$probe" error 2>&1 || true)
ofport=$(ovs-vsctl get Interface "$probe" ofport 2>&1 || true)
dptype=$(ovs-vsctl get Bridge "$probe" datapath_type 2>&1 || true)
ofshow=$(ovs-ofctl -O OpenFlow13 show "$probe" 2>&1 || true)
link_ok=no; ip link show "$probe" >/dev/null 2>&1 && link_ok=yes
ovs-vsctl --timeout=10 --if-exists del-br "$probe"
[ "$err" = "[]" ] || die "probe bridge interface error: $err"
[ "$ofport" = 65534 ] || die "probe bridge local port has ofport '$ofport' (expected 65534)"
[ "$dptype" = netdev ] || die "probe bridge datapath_type is '$dptype'"
[ "$link_ok" = yes ] || die "probe bridge has no tap device in the kernel"
echo "$ofshow" | grep -q OFPT_FEATURES_REPLY || die "ovs-ofctl cannot talk to the probe bridge: $ofshow"
wait_until "probe bridge tap device to disappear" 5 bash -c "! ip link show $probe" || die "probe tap device left behind"

log "Open vSwitch ready: $(ovs-vswitchd --version | head -1), ovs-vswitchd pid $pid, userspace TSO on," \
    "netdev bridge OK ($(( $(now_ms) - started_ms )) ms)"
