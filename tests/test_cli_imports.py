"""The CLI's modules import one way: cli → commands / evaluation.cli → cli_options, never back up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "narrative_check"


def _imports(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved against its package)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            names.add(name)
            names.update(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_command_module_imports_the_cli_group_back():
    above = {PACKAGE / "cli.py", PACKAGE / "__main__.py"}  # the group itself and its entry point
    faces = [p for p in PACKAGE.rglob("*.py") if p not in above]
    offenders = [str(p.relative_to(PACKAGE)) for p in faces if "narrative_check.cli" in _imports(p)]
    assert offenders == []


def test_each_face_imports_alone_in_a_fresh_interpreter():
    # Before the split, importing evaluation.cli first failed or half-initialised narrative_check.cli.
    for module in ("narrative_check.evaluation.cli", "narrative_check.commands", "narrative_check.cli"):
        out = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
