"""Shared fixtures. The scripted OpenAI-compatible server used by the LLM tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openai_server import OpenAIServer


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    """A chat-completions server on 127.0.0.1 (ephemeral port); set ``.script``."""
    with OpenAIServer() as server:
        yield server


@pytest.fixture(autouse=False)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Transport-retry backoff in milliseconds instead of seconds."""
    from narrative_check.claims import llm_client

    monkeypatch.setattr(llm_client, "BACKOFF_SECONDS", 0.01)
    monkeypatch.setattr(llm_client, "BACKOFF_MAX_SECONDS", 0.05)
    monkeypatch.setattr(llm_client, "RETRY_AFTER_MAX_SECONDS", 0.1)
