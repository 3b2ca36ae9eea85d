"""The sixteen small comparator bugs of issue 14, each planted in turn in a copy of the
package: prints the tests that fail on each (every one must be caught).

    python benchmarks/named_mutations.py            # all sixteen
    python benchmarks/named_mutations.py M05 M12    # some

Each mutation is a literal edit of one source line; the script refuses an edit whose
text is no longer in the source (the comparator moved on: update the edit).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_bounds_tolerance.py", "tests/test_bounds_rules.py", "tests/test_bounds_tables.py",
         "tests/test_properties.py", "tests/test_compare_pure.py"]

A, T, M = "narrative_check/compare/arithmetic.py", "narrative_check/compare/tables.py", "narrative_check/compare/amounts.py"
MUTATIONS: dict[str, tuple[str, str, str, str]] = {
    # id: (what, file, old, new)
    "M01": ("rate tolerance (growth, share, completion) 10× looser", A,
            "    slack = half_ulp(stated)\n", "    slack = half_ulp(stated) * 10\n"),
    "M02": ("share: inputs' rounding 10× looser", A,
            "if _within(c.share_pct, ratio_range(part, value, half_ulp(part), half_ulp(value))):",
            "if _within(c.share_pct, ratio_range(part, value, half_ulp(part) * 10, half_ulp(value) * 10)):"),
    "M03": ("completion: inputs' rounding 10× looser", A,
            "rng = ratio_range(amount, budget, half_ulp(amount), half_ulp(budget))",
            "rng = ratio_range(amount, budget, half_ulp(amount) * 10, half_ulp(budget) * 10)"),
    "M04": ("growth: inputs' rounding 10× looser", A,
            "return ratio_range(change, prior, half_ulp(change), half_ulp(amount) + half_ulp(change))",
            "return ratio_range(change, prior, half_ulp(change) * 10, (half_ulp(amount) + half_ulp(change)) * 10)"),
    "M05": ("table-sum tolerance 10× looser", T,
            'return Decimal("0.005") * max(count, 1)', 'return Decimal("0.05") * max(count, 1)'),
    "M06": ("收支总表 side sums switched off", T,
            "            found += _summary_sides(table)\n", "            found += []\n"),
    "M07": ("'parts add to less than the total' off for complete lists", A,
            "if summed < whole and not _exhaustive(total, parts, by_identity=False):", "if summed < whole:"),
    "M08": ("direction when a change word has no amount: off", A,
            'if c.direction in ("increase", "decrease") and c.growth_direction and c.growth_direction != c.direction:',
            'if False:'),
    "M09": ("_check_prior switched off", A,
            '    c = ledger.claim\n    assert c.prior_amount is not None\n',
            '    c = ledger.claim\n    assert c.prior_amount is not None\n    return False\n'),
    "M10": ("years: only ±1 flagged", M,
            "    if _PRIOR_WORDS.search(claim.subject):\n        return\n",
            "    if _PRIOR_WORDS.search(claim.subject) or abs(claim.year - year) > 1:\n        return\n"),
    "M11": ("决算 exemption widened to ±5 years", M,
            'if ctx.doc.kind == "决算" and claim.year == year + 1:',
            'if ctx.doc.kind == "决算" and abs(claim.year - year) <= 5:'),
    "M12": ("cross-table comparison at 0.1 instead of 0.01", T,
            'values[f.value.quantize(Decimal("0.01"))]', 'values[f.value.quantize(Decimal("0.1"))]'),
    "M13": ("'amount with no number' demoted from error to warning", "narrative_check/compare/template.py",
            '"amount with no number", "error"', '"amount with no number", "warning"'),
    "M14": ("amount tolerance 10× looser", "narrative_check/compare/tolerance.py",
            "return abs(stated - true) <= half_ulp(stated) + slack", "return abs(stated - true) <= half_ulp(stated) * 10 + slack"),
    "M15": ("change against the table's prior column 10× looser", A,
            '+ half_ulp(amount) + Decimal("0.005"):', '+ half_ulp(amount) + Decimal("0.05"):'),
    "M16": ("listed parts: rounding slack 10× looser", A,
            "sum((half_ulp(v) for v in part_values), half_ulp(whole))",
            "sum((half_ulp(v) * 10 for v in part_values), half_ulp(whole) * 10)"),
}


def copy_tree(dest: Path) -> None:
    shutil.copytree(ROOT / "narrative_check", dest / "narrative_check", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", dest / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "eval" / "datasets" / "seeds", dest / "eval" / "datasets" / "seeds")
    shutil.copytree(ROOT / "prompts", dest / "prompts")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")


def failing_tests(where: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(where)}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-o", "addopts=", *TESTS], cwd=where, env=env, capture_output=True, text=True)
    return sorted({line.split(" ")[1].split(" - ")[0] for line in out.stdout.splitlines() if line.startswith("FAILED ")})


def main() -> int:
    chosen = sys.argv[1:] or list(MUTATIONS)
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        copy_tree(base)
        assert failing_tests(base) == [], "the unmutated copy must pass"
        for key in chosen:
            what, rel, old, new = MUTATIONS[key]
            path = base / rel
            source = path.read_text(encoding="utf-8")
            if source.count(old) != 1:
                print(f"{key} {what}: edit not found in {rel} (update it)")
                missed += 1
                continue
            path.write_text(source.replace(old, new), encoding="utf-8")
            try:
                failed = failing_tests(base)
            finally:
                path.write_text(source, encoding="utf-8")
            print(f"{key} {what}: {len(failed)} failing" + "".join(f"\n    {t}" for t in failed[:6])
                  + (f"\n    … and {len(failed) - 6} more" if len(failed) > 6 else ""), flush=True)
            missed += not failed
    print(f"{len(chosen) - missed}/{len(chosen)} caught")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
