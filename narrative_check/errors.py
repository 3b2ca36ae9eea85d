"""One base error; each message says what to do about it."""

from __future__ import annotations


class NarrativeCheckError(Exception):
    """Base class. The CLI prints the message and exits 2."""


class InputError(NarrativeCheckError):
    """The input cannot be read as a document (missing, empty, binary, too large …)."""


class ConfigError(NarrativeCheckError):
    """A setting is missing or wrong (no API key, unknown extractor …)."""


class LLMError(NarrativeCheckError):
    """The model could not be reached or kept answering invalidly."""
