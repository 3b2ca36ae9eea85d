"""Do the tests' assertions decide anything?

    python benchmarks/assertion_audit.py suite               # every test passes at least one check
    python benchmarks/assertion_audit.py negate --sample 10  # each assertion of 10 random tests is live
    python benchmarks/assertion_audit.py negate tests/test_x.py::test_y ...

A test "passes with its assertions removed" when its assertions never run (an early
return, a loop over nothing, a branch no parameter takes) or cannot fail. Two checks:

``suite`` runs the whole suite with a plugin (benchmarks/assertion_counter.py) that counts
the assertions each test passed (``pytest.raises`` that caught its exception counts as
one). A test that passed with none is listed and the script exits 1.

``negate`` takes tests (named, or drawn at random with a fixed seed) and, for each
``assert`` written in the test's own body, runs the test with that one assertion negated.
The test must then fail: the assertion ran, on every path, and its outcome is what the
test reports. An assertion whose negation still passes is dead and is listed.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SCRATCH = "test_zz_negated_assertion.py"  # beside the original, so relative paths still hold


def pytest_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]


def suite(extra: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        counts = Path(tmp) / "counts.json"
        env = dict(os.environ, ASSERTION_COUNTS=str(counts), PYTHONPATH=str(ROOT / "benchmarks"),
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"))  # fresh rewrite, with the pass hook
        subprocess.run(pytest_command("-p", "assertion_counter", "-o", "enable_assertion_pass_hook=true",
                                      *extra), cwd=ROOT, env=env, check=False)
        data = json.loads(counts.read_text(encoding="utf-8"))
    passed = {node: d for node, d in data.items() if d["outcome"] == "passed"}
    empty = sorted(node for node, d in passed.items() if d["asserts"] == 0)
    total = sum(d["asserts"] for d in passed.values())
    print(f"\n{len(passed)} tests passed, {total} assertions passed in them "
          f"(median {sorted(d['asserts'] for d in passed.values())[len(passed) // 2] if passed else 0} a test)")
    print(f"tests that passed without passing a single assertion: {len(empty)}")
    for node in empty:
        print(f"  {node}")
    return 1 if empty else 0


def test_functions() -> list[tuple[Path, str]]:
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        if path.name == SCRATCH:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                found.append((path, node.name))
    return found


def asserts_of(source: str, name: str) -> list[ast.Assert]:
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return [n for n in ast.walk(node) if isinstance(n, ast.Assert)]
    return []


def negated(source: str, name: str, index: int) -> str:
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            target = [n for n in ast.walk(node) if isinstance(n, ast.Assert)][index]
            target.test = ast.UnaryOp(op=ast.Not(), operand=target.test)
    return ast.unparse(tree)


def negate(path: Path, name: str) -> tuple[int, list[int]]:
    """Run ``name`` once per assertion, that assertion negated; the lines of those still passing."""
    source = path.read_text(encoding="utf-8")
    checks = asserts_of(source, name)
    scratch = path.with_name(SCRATCH)
    dead = []
    try:
        for index, node in enumerate(checks):
            scratch.write_text(negated(source, name, index), encoding="utf-8")
            run = subprocess.run(pytest_command("-x", f"{scratch}::{name}"), cwd=ROOT,
                                 capture_output=True, text=True)
            if run.returncode == 0:
                dead.append(node.lineno)
            elif run.returncode != 1:  # not "tests failed": collection or usage trouble
                print(f"    (pytest exit {run.returncode} on assertion at line {node.lineno})")
    finally:
        scratch.unlink(missing_ok=True)
    return len(checks), dead


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("suite", help="count the assertions each test passes")
    s.add_argument("pytest_args", nargs="*", help="passed to pytest (default: the whole suite)")
    n = sub.add_parser("negate", help="negate each assertion of chosen tests in turn")
    n.add_argument("tests", nargs="*", help="tests/test_x.py::test_y (default: a random sample)")
    n.add_argument("--sample", type=int, default=10)
    n.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if args.mode == "suite":
        return suite(args.pytest_args)

    if args.tests:
        chosen = [(ROOT / t.split("::")[0], t.split("::")[1]) for t in args.tests]
    else:
        pool = [(p, f) for p, f in test_functions() if asserts_of(p.read_text(encoding="utf-8"), f)]
        chosen = random.Random(args.seed).sample(pool, args.sample)
    bad = 0
    for path, name in chosen:
        count, dead = negate(path, name)
        label = f"{path.relative_to(ROOT)}::{name}"
        if dead:
            bad += 1
            print(f"DEAD  {label}: {count - len(dead)} of {count} assertions live; dead at lines {dead}")
        else:
            print(f"live  {label}: all {count} assertions fail the test when negated")
    print(f"\n{len(chosen) - bad} of {len(chosen)} tests have every assertion live")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
