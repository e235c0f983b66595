#!/bin/bash
# Installs what the build and the Mininet emulation need on a fresh Debian 12, as root.
# Idempotent: when everything is present it only checks (well under a second) and changes nothing.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
require_root

PACKAGES=(
    openjdk-17-jdk-headless maven ca-certificates   # build (maven downloads over https)
    openvswitch-switch openvswitch-common          # switches (userspace datapath)
    mininet net-tools telnet socat                 # emulation (mininet calls ifconfig)
    python3 python3-pytest                         # topology scripts and end-to-end tests
    iproute2 iputils-ping ethtool procps util-linux kmod uuid-runtime  # ip, ping, sysctl, flock
    iperf3 curl tcpdump                            # traffic, probing and debugging
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)" != "ii " ]; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    log "all ${#PACKAGES[@]} packages already installed"
else
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Refresh the package lists only when a package is unknown to them (a fresh image has none);
    # their mtimes copy the mirror's, so age says nothing. A stale list shows up as a failed
    # download, which gets one update and retry.
    need_update=no
    for pkg in "${missing[@]}"; do
        if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
            need_update=yes
            break
        fi
    done
    if [ "$need_update" = yes ]; then
        log "apt-get update"
        apt-get update -qq
    fi
    apt_install() { apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null; }
    if ! apt_install; then
        log "install failed; apt-get update and retry once"
        apt-get update -qq
        apt_install
    fi
fi

# Check the tools, not only the packages.
for cmd in java mvn ovs-vsctl ovs-vswitchd ovsdb-server ovs-ofctl mnexec iperf3 curl ip ifconfig telnet flock; do
    command -v "$cmd" >/dev/null || die "'$cmd' is missing after installation"
done
java -version 2>&1 | grep -q 'version "17' || log "WARNING: default java is not 17: $(java -version 2>&1 | head -1)"
/usr/bin/python3 -c 'import mininet.net, pytest' || die "/usr/bin/python3 cannot import mininet and pytest"
log "dependencies OK"
