"""Re-test mutmut's survivors against the current tests, without a new mutmut run.

    python benchmarks/mutation_recheck.py [--budget SECONDS]
    python benchmarks/mutation_recheck.py --match check_growth --tests tests/test_x.py --show
    python benchmarks/mutation_recheck.py --mutants ../other/mutants --names survivors.txt

A mutmut run maps each function to the tests that reached it when the run started; tests
added later never see the mutants already judged. This runs every survivor of the last run
(mutants/) through the focused comparator tests as they are now (the property tests left
out for speed), one pytest session per mutant in this process, with mutmut's
MUTANT_UNDER_TEST switch, and prints how many the current tests kill. The results go to
mutants/recheck.json. A fresh `benchmarks/mutation.py` run gives the same answer, slower.

While writing a test for a survivor: ``--match`` picks survivors by a piece of their name,
``--tests`` runs only the given test files, ``--show`` prints the diff of each one still
alive, and ``--mutants`` reads another checkout's mutants/ (the package there must be
generated from the same source as this one).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def focused_selection() -> list[str]:
    """mutmut's test selection from pyproject.toml, the slow property tests left out."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tests = config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]
    return [t for t in tests if "properties" not in t]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budget", type=float, default=3600, help="stop after this many seconds")
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants", help="mutmut's mutants/ folder")
    parser.add_argument("--match", action="append", default=[], help="only survivors whose name holds this")
    parser.add_argument("--names", type=Path, help="a file of mutant names, one a line (instead of the survivors)")
    parser.add_argument("--tests", nargs="+", help="test files to run (default: the focused selection)")
    parser.add_argument("--show", action="store_true", help="print the diff of each mutant still alive")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import mutation

    mutation.MUTANTS = args.mutants.resolve()
    if args.names:
        survivors = sorted(set(args.names.read_text(encoding="utf-8").split()))
    else:
        survivors = sorted(name for name, state in mutation.results().items() if state == "survived")
    if args.match:
        survivors = [name for name in survivors if any(m in name for m in args.match)]
    selection = args.tests or focused_selection()
    os.chdir(ROOT)
    sys.path.insert(0, str(mutation.MUTANTS))  # the mutated package, trampolines and all
    import pytest

    started, done = time.time(), {}
    for name in survivors:
        if time.time() - started > args.budget:
            break
        os.environ["MUTANT_UNDER_TEST"] = name
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            done[name] = int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", *selection]))
    killed = sum(1 for code in done.values() if code != 0)
    if args.show or args.match or args.names or args.tests:
        for name, code in done.items():
            if code == 0:
                print(f"alive {name}")
                if args.show:
                    print("\n".join("      " + line for line in mutation.diff_of(name).splitlines()))
        print(f"{killed} of {len(done)} killed by {' '.join(selection)}")
        return 0
    (mutation.MUTANTS / "recheck.json").write_text(json.dumps(done, indent=1), encoding="utf-8")
    total = len(mutation.results())
    before = sum(1 for s in mutation.results().values() if s in mutation.KILLED)
    print(f"rechecked {len(done)}/{len(survivors)} survivors: {killed} killed by the current tests")
    print(f"kill rate with them: {(before + killed) / total:.1%} ({before + killed}/{total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
