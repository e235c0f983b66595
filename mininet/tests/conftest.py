"""Fixtures for tests against the emulated network (see mininet/README.md)."""
import os
import socket
import subprocess
import sys

import pytest

MININET_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, MININET_DIR)
import switchboard_net  # noqa: E402  (needs the path above)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
