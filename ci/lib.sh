# Shared helpers for the ci/ scripts. Source it: . "$(dirname "$0")/lib.sh"
# shellcheck shell=bash

SB_PREFIX="${SB_PREFIX:-sb}"
# Where ovs-up.sh records what it started, so ovs-down.sh stops only that.
SB_OVS_STATE_DIR="${SB_OVS_STATE_DIR:-/run/${SB_PREFIX}-ci/ovs}"
OVS_RUNDIR="${OVS_RUNDIR:-/var/run/openvswitch}"
OVS_LOGDIR="${OVS_LOGDIR:-/var/log/openvswitch}"
OVS_DBDIR="${OVS_DBDIR:-/etc/openvswitch}"
OVS_SCHEMA="${OVS_SCHEMA:-/usr/share/openvswitch/vswitch.ovsschema}"

log() {
    printf '%s [%s] %s\n' "$(date +%H:%M:%S.%3N)" "$(basename "$0")" "$*" >&2
}

die() {
    log "ERROR: $*"
    exit 1
}

require_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (uses apt, Open vSwitch and network namespaces)"
}

now_ms() {
    date +%s%3N
}

# wait_until DESCRIPTION TIMEOUT_SECONDS COMMAND [ARGS...]
# Polls COMMAND (every 0.1 s) until it succeeds; fails with DESCRIPTION when the deadline passes.
wait_until() {
    local what="$1" timeout="$2"
    shift 2
    local deadline=$(( $(now_ms) + timeout * 1000 ))
    while ! "$@" >/dev/null 2>&1; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            log "timed out after ${timeout}s waiting for: $what"
            return 1
        fi
        sleep 0.1
    done
}

# pid_alive PID [COMM]: true if PID runs and (when given) its comm is COMM (guards against PID reuse).
pid_alive() {
    local pid="$1" comm="${2:-}"
    [ -n "$pid" ] && pid_running "$pid" || return 1
    [ -z "$comm" ] && return 0
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ]
}

# pid_running PID: true if PID exists and is not a zombie. A detached daemon that exits stays a
# zombie until PID 1 reaps it, and `kill -0` still succeeds on a zombie.
pid_running() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat="${stat##*) }"
    [ "${stat%% *}" != Z ]
}

not() { ! "$@"; }

pidfile_pid() {
    [ -r "$1" ] && tr -dc '0-9' <"$1"
}

# The bridges, ports and hosts we create are all named "<prefix>..." with no other dash than
# "-ethN"; this is the pattern clean-up uses (kept in step with mininet/switchboard_net.py).
our_bridge_re() {
    printf '^%s[a-z]*[0-9]*$' "$SB_PREFIX"
}
