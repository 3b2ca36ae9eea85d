"""Settings resolution: flag > pyproject [tool.narrative_check] > NARRATIVE_CHECK_* / OPENAI_* env."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .errors import ConfigError

Extractor = Literal["offline", "llm", "hybrid", "regex"]


class Config(BaseModel):
    """Everything a run can be told. ``None`` means 'not set anywhere'."""

    extractor: Extractor | None = None
    """offline (default without a model), llm, hybrid (default with a model), regex
    (the bare regex baseline, for evaluation)."""
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    mode: str | None = None
    """instructor mode: tools | json_schema | md_json (auto when None)."""
    concurrency: int = 4
    timeout: float | None = None
    """Seconds one LLM request may take in all (connect, first byte, whole reply);
    None → 60 for hosted APIs, 600 for local servers (a CPU needs minutes)."""
    max_retries: int = 2
    """Validation re-asks per request (instructor)."""
    transport_retries: int = 2
    """Retries of transport errors (timeouts, 429, 5xx) per request (tenacity)."""
    cache_dir: str | None = None
    """Where LLM responses are cached; None → ~/.cache/narrative-check."""
    no_cache: bool = False
    pdf_reader: Literal["fast", "plumber"] = "fast"
    """How PDFs are read: fast (PDFium characters and ruling lines, pdfplumber's table
    finder) or plumber (pdfplumber alone, the earlier reader)."""

    def resolved_extractor(self) -> str:
        if self.extractor:
            return self.extractor
        return "hybrid" if self.model else "offline"


_ENV = {
    "model": ("NARRATIVE_CHECK_MODEL",),
    "base_url": ("NARRATIVE_CHECK_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("NARRATIVE_CHECK_API_KEY", "OPENAI_API_KEY"),
    "extractor": ("NARRATIVE_CHECK_EXTRACTOR",),
    "mode": ("NARRATIVE_CHECK_MODE",),
    "cache_dir": ("NARRATIVE_CHECK_CACHE_DIR",),
    "concurrency": ("NARRATIVE_CHECK_CONCURRENCY",),
    "timeout": ("NARRATIVE_CHECK_TIMEOUT",),
    "max_retries": ("NARRATIVE_CHECK_MAX_RETRIES",),
    "transport_retries": ("NARRATIVE_CHECK_TRANSPORT_RETRIES",),
    "pdf_reader": ("NARRATIVE_CHECK_PDF_READER",),
}


def _pyproject_settings(start: Path) -> dict[str, Any]:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{candidate}: cannot read [tool.narrative_check]: {exc}") from exc
            section = data.get("tool", {}).get("narrative_check", {})
            return {k.replace("-", "_"): v for k, v in section.items()}
    return {}


def load_config(cwd: Path | None = None, env: dict[str, str] | None = None, **flags: Any) -> Config:
    """Merge the three sources; a flag given as None does not override."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    for field, names in _ENV.items():
        for name in names:
            if env.get(name):
                merged[field] = env[name]
                break
    merged.update(_pyproject_settings(cwd or Path.cwd()))
    merged.update({k: v for k, v in flags.items() if v is not None})
    unknown = set(merged) - set(Config.model_fields)
    if unknown:
        raise ConfigError(f"unknown setting(s) {sorted(unknown)} in [tool.narrative_check]; known: {sorted(Config.model_fields)}")
    try:
        return Config(**merged)
    except ValueError as exc:
        raise ConfigError(f"invalid setting: {exc}") from exc
