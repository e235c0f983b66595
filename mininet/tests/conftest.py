"""Fixtures for tests against the emulated network (see mininet/README.md)."""
import os
import subprocess
import sys

import pytest

MININET_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, MININET_DIR)
import switchboard_net  # noqa: E402  (needs the path above)
from switchboard_controller import Switchboard, controller_jar, free_port  # noqa: E402,F401  (free_port: tests)


@pytest.fixture(scope="session")
def ovs():
    """Root and a running Open vSwitch (ci/ovs-up.sh); fails, never skips, without them."""
    if os.geteuid() != 0:
        pytest.fail("the emulation tests need root (namespaces, veths, Open vSwitch)")
    if subprocess.run(["ovs-vsctl", "--timeout=2", "show"], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        pytest.fail("Open vSwitch does not answer: run ci/ovs-up.sh first")


@pytest.fixture
def sbnet_factory(ovs):
    """make(**SwitchboardNet kwargs) -> started network; every network made is stopped afterwards."""
    made = []

    def make(**kwargs):
        net = switchboard_net.SwitchboardNet(**kwargs)
        made.append(net)
        return net.start()

    yield make
    for net in reversed(made):
        net.stop()


# Prefix of the end-to-end networks: under "sb", so ci/ and cleanup.py --prefix sb cover a crashed run,
# but distinct from the emulation tests' networks.
E2E_PREFIX = os.environ.get("SB_E2E_PREFIX", "sbe")


@pytest.fixture(scope="class")
def switchboard_factory(ovs):
    """make(**Switchboard.start kwargs) -> network + real controller, ready; all stopped after the class.
    Fails with the build command when the controller jar is missing."""
    try:
        controller_jar()
    except FileNotFoundError as missing:
        pytest.fail(str(missing))
    made = []

    def make(**kwargs):
        kwargs.setdefault("prefix", E2E_PREFIX)
        sb = Switchboard.start(**kwargs)
        made.append(sb)
        return sb

    yield make
    errors = []
    for sb in reversed(made):
        try:
            sb.stop()
        except Exception as problem:  # stop the others all the same, then fail
            errors.append("%s: %s" % (sb.net.run_dir.path if sb.net.run_dir else "-", problem))
    if errors:
        pytest.fail("stopping the switchboard left problems: %s" % "; ".join(errors))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test that used a running switchboard gets the controller log's tail in its report."""
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for name, value in getattr(item, "funcargs", {}).items():
            reporter = getattr(value, "failure_report", None)
            if callable(reporter):
                report.sections.append(("switchboard %s" % name, reporter()))
