"""Mutation testing of the comparator (narrative_check/compare/, tolerance code included).

    pip install -e '.[dev,mutation]'
    python benchmarks/mutation.py            # run mutmut, then print the kill rate and survivors
    python benchmarks/mutation.py --no-run   # only read the last run's results (mutants/)
    python benchmarks/mutation.py --show     # with each survivor's diff

mutmut's settings are in pyproject.toml ([tool.mutmut]): which files are mutated and the
focused, fast test selection run against each mutant (pure comparator tests, boundary
and property tests). Not part of CI: a full run takes about 20 minutes on 2 busy cores.

Kill rate = killed ÷ all mutants; a mutant no selected test reaches counts as survived.
Survivors judged equivalent (no behaviour a user could see changes) are listed with the
reason in benchmarks/equivalents/*.md, each pinned by the lines it mutates (so a
renumbering does not move a judgement onto another mutant); the script says which survivors
are not listed there. `--pin-equivalents` records those lines for new entries.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
NOTES = ROOT / "benchmarks" / "MUTATION.md"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def run_mutmut(children: int) -> None:
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut), "run", "--max-children", str(children)]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)


def results() -> dict[str, str]:
    """mutant name → status, from mutmut's per-file results."""
    from mutmut.stats import status_by_exit_code

    out: dict[str, str] = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            out[name] = status_by_exit_code[code]
    return out


_PARSED: dict[Path, dict[str, str]] = {}


def _functions(path: Path) -> dict[str, str]:
    if path not in _PARSED:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        found = {}
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and "__mutmut_" in node.name:
                found[node.name] = "\n".join(lines[node.lineno - 1: node.end_lineno])
        _PARSED[path] = found
    return _PARSED[path]


def diff_of(name: str) -> str:
    """The mutated lines of ``name`` against the original function."""
    module, func = name.rsplit(".", 1)
    path = MUTANTS / (module.replace(".", "/") + ".py")
    if not path.is_file():
        path = MUTANTS / module.replace(".", "/") / "__init__.py"
    funcs = _functions(path)
    base = func.split("__mutmut_")[0]
    orig, mutant = funcs.get(f"{base}__mutmut_orig", ""), funcs.get(func, "")
    lines = difflib.unified_diff(orig.splitlines()[1:], mutant.splitlines()[1:], lineterm="", n=0)
    return "\n".join(line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---")))


_ENTRY = re.compile(r"^- `(?P<name>narrative_check\.compare[\w.ǁ]+__mutmut_\d+)`.*?(?:mutant: `(?P<mutant>.*)`)?\s*$")


def mutated_lines(name: str) -> str:
    """The lines a mutant writes, stripped and joined: what an equivalent is pinned by."""
    return " ⏎ ".join(line[1:].strip() for line in diff_of(name).splitlines() if line.startswith("+"))


def equivalent_entries() -> list[tuple[str, str | None, Path]]:
    """(name, mutated lines or None, file) of every survivor judged equivalent, from
    benchmarks/equivalents/*.md (one '- `name`: reason — mutant: `lines`' a line)."""
    out = []
    for path in sorted((ROOT / "benchmarks" / "equivalents").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _ENTRY.match(line)
            if m:
                out.append((m["name"], m["mutant"], path))
    return out


def judged_equivalent(survivors: list[str] | None = None) -> set[str]:
    """The survivors judged equivalent. An entry counts for the survivor of its function
    whose mutated lines are the ones recorded with it, whatever that survivor's number
    is now (a change elsewhere in the function renumbers its mutants); an entry without
    recorded lines counts by name only."""
    entries = equivalent_entries()
    if survivors is None:
        return {name for name, _, _ in entries}
    pinned = {(name.rsplit("__mutmut_", 1)[0], mutant) for name, mutant, _ in entries if mutant}
    by_name = {name for name, mutant, _ in entries if not mutant}
    out = set()
    for name in survivors:
        if name in by_name or (name.rsplit("__mutmut_", 1)[0], mutated_lines(name)) in pinned:
            out.add(name)
    return out


def pin_equivalents() -> int:
    """Record each entry's mutated lines (read from mutants/) where the entry has none."""
    count = 0
    for path in sorted((ROOT / "benchmarks" / "equivalents").glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = _ENTRY.match(line)
            if m and not m["mutant"]:
                mutant = mutated_lines(m["name"])
                if mutant:
                    lines[i] = f"{line.rstrip()} — mutant: `{mutant}`"
                    count += 1
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-run", action="store_true", help="read the last run's results only")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fail-under", type=float, default=0.0, help="exit 1 below this kill rate")
    parser.add_argument("--pin-equivalents", action="store_true",
                        help="record in benchmarks/equivalents/*.md the mutated lines of entries that lack them")
    args = parser.parse_args()
    if args.pin_equivalents:
        print(f"pinned {pin_equivalents()} equivalents to their mutated lines")
        return 0
    if not args.no_run:
        run_mutmut(args.children)
    status = results()
    if not status:
        print("no mutmut results: run without --no-run first", file=sys.stderr)
        return 2
    by_file: dict[str, Counter] = defaultdict(Counter)
    for name, state in status.items():
        by_file[name.rsplit(".", 1)[0]][state] += 1
    print(f"\n{'module':<40}{'mutants':>8}{'killed':>8}{'survived':>9}{'no tests':>9}{'kill rate':>10}")
    total = Counter()
    for module in sorted(by_file):
        c = by_file[module]
        n, killed = sum(c.values()), sum(c[k] for k in KILLED)
        total.update(c)
        print(f"{module:<40}{n:>8}{killed:>8}{c['survived']:>9}{c['no tests']:>9}{killed / n:>10.1%}")
    n, killed = sum(total.values()), sum(total[k] for k in KILLED)
    rate = killed / n
    print(f"{'compare/ (all)':<40}{n:>8}{killed:>8}{total['survived']:>9}{total['no tests']:>9}{rate:>10.1%}")
    unfinished = {k: v for k, v in total.items() if k not in KILLED | {"survived", "no tests"}}
    if unfinished:
        print(f"other states: {dict(unfinished)}")
    survivors = sorted(name for name, state in status.items() if state in ("survived", "no tests"))
    equivalent = judged_equivalent(survivors)
    unexplained = [s for s in survivors if s not in equivalent]
    judged = len(equivalent)
    print(f"\nkill rate {rate:.1%} ({killed}/{n}); survivors {len(survivors)}, judged equivalent in "
          f"benchmarks/equivalents/: {judged}, not yet judged: {len(unexplained)}")
    if n > judged:
        print(f"kill rate leaving out the equivalents: {killed / (n - judged):.1%} ({killed}/{n - judged})")
    for name in survivors:
        mark = "=" if name in equivalent else "?"
        print(f"{mark} {name} ({status[name]})")
        if args.show:
            for line in diff_of(name).splitlines():
                print("      " + line)
    return 1 if rate < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
