#!/usr/bin/python3
"""Remove what a crashed Switchboard emulation run left behind (the safe replacement for `mn -c`).

Stops processes recorded in the runs' PID files (checked against their start time), Mininet node
shells named mininet:<prefix>..., any process living in a namespace that holds one of our
<prefix>...-ethN interfaces; deletes our Open vSwitch bridges, veths/taps and named namespaces.
Nothing without the prefix is touched. Refuses while a run with an overlapping prefix is still live
(its owner process runs) unless --force.

  /usr/bin/python3 mininet/cleanup.py --prefix sb [--force] [--dry-run] [--purge-runs]
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import switchboard_net  # noqa: E402  (needs the path above)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", default="sb")
    parser.add_argument("--force", action="store_true", help="clean up even if a run with the prefix looks live")
    parser.add_argument("--dry-run", action="store_true", help="only list what exists")
    parser.add_argument("--purge-runs", action="store_true",
                        help="also delete the run directories (logs) of finished runs under %s"
                             % switchboard_net.RUN_ROOT)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        parser.error("must run as root")

    if args.dry_run:
        found = switchboard_net.leftovers(args.prefix)
        runs = [{"path": r.path, "live": r.is_live(), "recorded_pids": sorted(r.recorded())}
                for r in switchboard_net.RunDir.all_for(args.prefix)]
        print(json.dumps({"leftovers": found, "runs": runs}, indent=2))
        return 0
    try:
        result = switchboard_net.cleanup(args.prefix, force=args.force, verbose=True)
    except RuntimeError as refused:
        print("cleanup: %s" % refused, file=sys.stderr)
        return 2
    if args.purge_runs:
        for run_dir in switchboard_net.RunDir.all_for(args.prefix):
            if not run_dir.is_live():
                shutil.rmtree(run_dir.path, ignore_errors=True)
    remaining = result.get("remaining")
    print(json.dumps({k: v for k, v in result.items()}, indent=2))
    return 1 if remaining else 0


if __name__ == "__main__":
    sys.exit(main())
