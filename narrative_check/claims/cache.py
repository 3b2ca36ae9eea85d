"""On-disk cache of validated LLM answers, so a re-run of the same text costs nothing.

The key is sha256 over (endpoint, mode, model, prompt version, response schema,
text): a new prompt or schema invalidates old answers, and a model of the same name
behind another server (a proxy, a quantised copy) or asked in another mode never
reuses another's. Only answers that passed validation are stored; failures are
never stored, so they are always asked again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "narrative-check" / "llm"


def cache_key(model: str, prompt_version: str, schema: str, text: str, endpoint: str = "", mode: str = "") -> str:
    payload = json.dumps([endpoint.rstrip("/"), mode, model, prompt_version, schema, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResponseCache:
    """A folder of ``<key[:2]>/<key>.json`` files. Unreadable entries count as misses;
    a cache that cannot be written is silently skipped (it is an optimisation)."""

    def __init__(self, folder: str | Path | None, enabled: bool = True) -> None:
        self.folder = Path(folder).expanduser() if folder else default_cache_dir()
        self.enabled = enabled

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        if not self.enabled:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # write then rename: concurrent runs never read a half-written entry
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass
