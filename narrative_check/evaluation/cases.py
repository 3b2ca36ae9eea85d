"""Labelled cases: a document file plus ``NAME.labels.json`` beside it.

The label format is fixed (other labelled sets are scored with it)::

    {"document": "NAME.txt", "complete": true,
     "findings": [{"kind": "growth-mismatch", "anchor": "增长 292.06%", "note": "…"}]}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from ..errors import InputError
from ..rules import RULES

LABELS_SUFFIX = ".labels.json"

ERROR_KINDS: tuple[str, ...] = tuple(rule.kind for rule in RULES if rule.severity != "info")
"""Finding kinds a label may name. ``unverified`` is info, never an error, so no label
can name it."""

TABLE_KINDS = frozenset({"total-mismatch", "cross-table-mismatch"})
"""Kinds whose error sits in a table row rather than in a prose claim."""

Kind = Literal[ERROR_KINDS]  # type: ignore[valid-type]  # the registry is the one list of kinds


class LabelError(InputError):
    """A label file that cannot be read or does not follow the format."""


class Label(BaseModel):
    """One true error in the document."""

    kind: Kind
    """The finding kind a correct checker reports for this error."""
    anchor: str
    """A short verbatim snippet of the erroneous statement (or table row)."""
    note: str | None = None
    """Why it is an error (the arithmetic), for humans."""

    @field_validator("anchor")
    @classmethod
    def _anchor_not_blank(cls, value: str) -> str:
        from .match import normalise

        if not normalise(value):
            raise ValueError("anchor is blank once whitespace and '*' are removed")
        return value


class LabelFile(BaseModel):
    """The content of ``NAME.labels.json``."""

    document: str
    """The document's file name, relative to the label file."""
    complete: bool = False
    """True: every error is labelled, so unmatched findings are false alarms.
    False: only recall is scored."""
    tables: list[str] = Field(default_factory=list)
    """Extra files holding the document's tables (a tables-only PDF or an XLSX), relative
    to the label file; for bodies that publish the prose and the tables apart."""
    findings: list[Label] = Field(default_factory=list)


class Case(BaseModel):
    """A labelled document ready to run."""

    id: str
    """The label file's name without ``.labels.json``, prefixed by its folder when
    cases from several folders are loaded ('mutated/000-amount-003')."""
    document: Path
    labels_path: Path
    complete: bool
    tables: list[Path] = Field(default_factory=list)
    labels: list[Label]


def read_labels(path: Path) -> LabelFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LabelError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise LabelError(f"{path}: not JSON: {exc}") from exc
    try:
        return LabelFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            if err["type"] == "literal_error":
                problems.append(f"{where}: unknown kind {err['input']!r}; known kinds: {', '.join(ERROR_KINDS)}")
            else:
                problems.append(f"{where}: {err['msg']}")
        raise LabelError(f"{path}: invalid labels: " + "; ".join(problems)) from exc


def load_case(labels_path: Path, root: Path | None = None) -> Case:
    labels = read_labels(labels_path)
    document = labels_path.parent / labels.document
    if not document.is_file():
        raise LabelError(f"{labels_path}: document {labels.document!r} not found beside it")
    tables = [labels_path.parent / name for name in labels.tables]
    for extra in tables:
        if not extra.is_file():
            raise LabelError(f"{labels_path}: tables file {extra.name!r} not found beside it")
    name = labels_path.name[: -len(LABELS_SUFFIX)]
    case_id = name
    if root is not None:
        try:
            rel = labels_path.parent.relative_to(root)
            case_id = (rel / name).as_posix() if rel.parts else name
        except ValueError:
            pass
    return Case(id=case_id, document=document, labels_path=labels_path, complete=labels.complete,
                tables=tables, labels=labels.findings)


def find_cases(paths: list[str | Path]) -> list[Case]:
    """Load every labelled case under the given folders / label files / documents.

    A folder is searched recursively for ``*.labels.json``; a document path means the
    label file beside it. Cases come back sorted by id, so runs are comparable."""
    cases: list[Case] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for labels_path in sorted(path.rglob("*" + LABELS_SUFFIX)):
                cases.append(load_case(labels_path, root=path))
        elif path.name.endswith(LABELS_SUFFIX) and path.is_file():
            cases.append(load_case(path))
        elif path.is_file():
            beside = path.with_name(path.stem + LABELS_SUFFIX)
            if not beside.is_file():
                raise LabelError(f"{path}: no label file {beside.name} beside it")
            cases.append(load_case(beside))
        else:
            raise LabelError(f"{path}: no such file or folder")
    seen: dict[str, Path] = {}
    for case in cases:
        if case.id in seen and seen[case.id] != case.labels_path:
            case.id = f"{case.id}@{case.labels_path.parent.name}"
        seen[case.id] = case.labels_path
    return sorted(cases, key=lambda c: c.id)
