"""Mutation generator: reproducible, one line changed per copy, real errors, labels kept."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from narrative_check.evaluation.cases import ERROR_KINDS, find_cases
from narrative_check.evaluation.match import normalise
from narrative_check.evaluation.mutate import differs, plan, slips, write_mutations

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "eval" / "datasets" / "seeds"
SEED_000 = SEEDS / "000_02797f1f3cd467d2.txt"
SEED_004 = SEEDS / "004_448286f3f8ceb880.txt"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_slips_are_typical_and_never_noops():
    found = dict(slips("534.77"))
    assert found["354.77"] == "transposed digits"
    assert "53.77" in found and "5534.77" in found  # dropped, doubled
    assert "5347.7" in found and "53.477" in found  # decimal point shifted
    assert "534.77" not in found
    assert all(not differs(s, Decimal("0")) for s, _ in slips("0.00"))  # 0.00 → 0.0, 00.00 … all still zero


def test_differs_respects_rounding():
    assert not differs("1102.0", Decimal("1102.05"))   # half-even rounding of the true value: not an error
    assert not differs("1102.1", Decimal("1102.05"))   # half-up rounding
    assert differs("1102.50", Decimal("1102.05"))
    assert not differs("21.1", Decimal("21.1034"), Decimal("0.1"))


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_mutations(SEED_000, a, seed=7)
    write_mutations(SEED_000, b, seed=7)
    write_mutations(SEED_000, c, seed=8)
    assert _files(a) == _files(b)
    assert _files(a) != _files(c)


def test_committed_dataset_is_reproducible(tmp_path):
    """eval/datasets/mutated is exactly what `eval mutate … --seed 1` writes."""
    for seed_doc in (SEED_000, SEED_004):
        write_mutations(seed_doc, tmp_path, seed=1)
    committed = ROOT / "eval" / "datasets" / "mutated"
    assert _files(tmp_path) == _files(committed)


@pytest.mark.parametrize("seed_doc", [SEED_000, SEED_004])
def test_each_copy_changes_exactly_one_line_and_anchors_hold(seed_doc, tmp_path):
    source = seed_doc.read_text(encoding="utf-8").split("\n")
    carried = json.loads(seed_doc.with_name(seed_doc.stem + ".labels.json").read_text(encoding="utf-8"))["findings"]
    written = write_mutations(seed_doc, tmp_path, seed=3)
    assert written
    for case in written:
        text = case.path.read_text(encoding="utf-8")
        lines = text.split("\n")
        assert len(lines) == len(source)
        changed = [i for i, (x, y) in enumerate(zip(source, lines)) if x != y]
        assert len(changed) == 1, case.name
        labels = json.loads(case.path.with_name(case.name + ".labels.json").read_text(encoding="utf-8"))
        for label in labels["findings"]:
            assert normalise(label["anchor"]) in normalise(text), (case.name, label)
        # the planted label's anchor sits in the changed line (a total-mismatch is anchored on the
        # total row that no longer adds up); the seed's own labels are carried
        first = labels["findings"][0]
        if first["kind"] == "total-mismatch":
            assert normalise(first["anchor"]) not in normalise(lines[changed[0]])
        elif first["kind"] == "missing-table":  # the note under an empty table changed; the label names the table
            assert any(normalise(first["anchor"]) in normalise(x) for x in lines[max(0, changed[0] - 14):changed[0]])
        else:
            assert normalise(first["anchor"]) in normalise(lines[changed[0]]), case.name
        for true_label in carried:
            assert true_label in labels["findings"]
        assert labels["complete"] is True


def test_planted_values_are_inconsistent():
    text = SEED_000.read_text(encoding="utf-8")
    for mut in plan(text, seed=5, kinds=["share-mismatch", "growth-mismatch"], per_kind=None):
        assert mut.old != mut.new
        note = mut.labels[0].note
        stated = Decimal(note.split("→ ")[1].split("%")[0])
        true = Decimal(note.rsplit("= ", 1)[1].rstrip("%"))
        assert abs(stated - true) >= Decimal("0.1"), note


def test_table_mutation_breaks_one_sum():
    text = SEED_004.read_text(encoding="utf-8")
    muts = plan(text, seed=2, kinds=["total-mismatch", "cross-table-mismatch"], per_kind=None)
    assert {m.kind for m in muts} == {"total-mismatch", "cross-table-mismatch"}
    for m in muts:
        kinds = [lab.kind for lab in m.labels]
        assert kinds == (["total-mismatch"] if m.kind == "total-mismatch" else ["cross-table-mismatch", "total-mismatch"])


def test_dataset_covers_every_kind_with_100_cases():
    cases = find_cases([ROOT / "eval" / "datasets" / "mutated"])
    assert len(cases) >= 100
    kinds = {lab.kind for c in cases for lab in c.labels}
    assert kinds == set(ERROR_KINDS)
    for case in cases:
        if case.id.startswith("000-"):
            assert any(lab.kind == "period-mismatch" and lab.anchor == "2025 年收入合计" for lab in case.labels)
