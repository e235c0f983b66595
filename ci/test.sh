#!/bin/bash
# Every test: installs what is missing, builds, runs the unit and integration tests (Maven), then the
# Mininet end-to-end tests (Open vSwitch started and stopped by ci/emulation-tests.sh).
# Usage (root, fresh Debian 12 or later runs): ci/test.sh
set -euo pipefail
here="$(dirname "$(readlink -f "$0")")"
. "$here/lib.sh"
require_root
repo="$(dirname "$here")"
cd "$repo"

log "installing what is missing"
"$here/install-deps.sh"

log "building and running unit and integration tests"
# -B: no colours in CI logs; install so that the Mininet tests find the controller jar.
mvn -B -ntp install

log "running the Mininet end-to-end tests"
"$here/emulation-tests.sh"
