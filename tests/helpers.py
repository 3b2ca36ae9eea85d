"""Paths and small builders shared by the core tests."""

from __future__ import annotations

from pathlib import Path

from narrative_check import Report, check

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "eval" / "datasets" / "seeds"
SEED_TAB = SEED_DIR / "000_02797f1f3cd467d2.txt"  # Markdown-like, tab-separated tables
SEED_SPACE = SEED_DIR / "004_448286f3f8ceb880.txt"  # pdftotext-like, space-separated, wrapped


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def planted(tmp_path: Path, seed: Path, old: str, new: str, count: int = 1, name: str = "doc.txt") -> Path:
    """A copy of a seed with one statement changed; fails loudly if ``old`` is absent."""
    text = seed_text(seed)
    assert text.count(old) >= count, f"{old!r} not in {seed.name}"
    path = tmp_path / name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def errors(report: Report) -> list:
    return [f for f in report.findings if f.severity == "error"]


def kinds(report: Report) -> list[str]:
    return sorted(f.kind for f in errors(report))


__all__ = ["ROOT", "SEED_DIR", "SEED_TAB", "SEED_SPACE", "seed_text", "planted", "errors", "kinds", "check"]


def shared_dir() -> Path:
    """The shared real documents: ../shared beside the clone (CI), or NARRATIVE_CHECK_SHARED."""
    import os

    return Path(os.environ.get("NARRATIVE_CHECK_SHARED") or ROOT.parent / "shared")


def shared_pdfs() -> list[Path]:
    """Every PDF of the shared corpus, wild set and documents (empty when absent)."""
    base = shared_dir()
    return sorted(p for sub in ("corpus", "corpus/wild", "documents") for p in (base / sub).glob("*.pdf"))
