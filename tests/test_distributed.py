"""check_many on a local Dask cluster (worker processes): the same outcomes as the
local batch, bad files included. CI installs the `dask` extra; elsewhere the test is
skipped when distributed is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import SEED_SPACE, SEED_TAB, seed_text

if not os.environ.get("CI"):
    pytest.importorskip("distributed")

from distributed import Client, LocalCluster  # noqa: E402

from narrative_check import check  # noqa: E402
from narrative_check.batch import content_hash  # noqa: E402
from narrative_check.distributed import check_many_dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


def _docs(folder: Path) -> list[Path]:
    out = []
    for i, seed in enumerate([SEED_TAB, SEED_SPACE, SEED_TAB]):
        path = folder / f"doc{i}.txt"
        path.write_text(seed_text(seed) + f"\n（第{i}份）\n", encoding="utf-8")
        out.append(path)
    (folder / "empty.txt").write_bytes(b"")
    return out


@pytest.mark.parametrize("send", [False, True], ids=["paths", "contents"])
def test_check_many_on_a_local_dask_cluster(client, tmp_path: Path, send: bool) -> None:
    docs = _docs(tmp_path)
    outcomes = {Path(o.path).name: o for o in check_many_dask([tmp_path], client=client, send=send)}
    assert sorted(outcomes) == sorted([d.name for d in docs] + ["empty.txt"])
    assert outcomes["empty.txt"].error == "unreadable"
    for doc in docs:
        outcome = outcomes[doc.name]
        assert outcome.report is not None and outcome.report.document == str(doc)
        assert outcome.sha256 == content_hash(doc)
        assert [f.model_dump() for f in outcome.report.findings] == [f.model_dump() for f in check(doc).findings]


def test_resume_skips_what_is_done(client, tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    done = {content_hash(docs[0]), content_hash(docs[1])}
    names = [Path(o.path).name for o in check_many_dask([tmp_path], client=client, skip=done)]
    assert sorted(names) == sorted([docs[2].name, "empty.txt"])
