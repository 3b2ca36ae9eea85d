"""Bounds on one HTTP request to a model server, and what may be repeated from it.

The openai client's timeout applies to each socket operation, so a server that
sends its reply a byte a second never times out, and a reply is read whole however
large it is. Here every socket operation of a request shares one wall-clock
deadline (connect, first byte, whole reply), and the bytes received are counted
against a cap. Both live in a per-thread slot that :func:`bounded` opens around
one request; the network backend below reads it on each connect, read and write.

:func:`redact` removes anything that looks like a key or an Authorization value
from text a server sent, before it reaches a warning, a cache file or a report.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_REPLY_BYTES = 2 * 2**20
"""A valid answer of MAX_OUTPUT_TOKENS tokens is far smaller (tens of KB)."""
CONNECT_SECONDS = 10.0
"""Connecting is quick or it is not going to happen, whatever the request deadline."""

_slot = threading.local()


class ReplyTooLarge(Exception):
    """The server sent more than the reply cap."""


@contextmanager
def bounded(seconds: float, max_bytes: int = MAX_REPLY_BYTES) -> Iterator[None]:
    """One request: every socket operation in this thread ends by ``seconds`` from
    now, and at most ``max_bytes`` are read."""
    _slot.deadline = time.monotonic() + seconds
    _slot.received = 0
    _slot.max_bytes = max_bytes
    _slot.oversize = False
    try:
        yield
    finally:
        _slot.deadline = None


def reply_was_too_large() -> bool:
    return bool(getattr(_slot, "oversize", False))


def _remaining(timeout: float | None, cap: float | None = None) -> float | None:
    deadline = getattr(_slot, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise _httpcore().ReadTimeout("the request's deadline passed")
    for bound in (timeout, cap):
        if bound is not None:
            left = min(left, bound)
    return left


def _count(data: bytes) -> None:
    if getattr(_slot, "deadline", None) is None:
        return
    _slot.received += len(data)
    if _slot.received > _slot.max_bytes:
        _slot.oversize = True
        raise _httpcore().ReadError(f"the reply is over {_slot.max_bytes // 2**20} MB")


def _httpcore() -> Any:
    """The openai SDK's transport core: httpcore2 under openai 3, httpcore before."""
    try:
        import httpcore2

        return httpcore2
    except ImportError:
        import httpcore

        return httpcore


def _stream_class() -> type:
    class DeadlineStream(_httpcore().NetworkStream):
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            data = self._stream.read(max_bytes, _remaining(timeout))
            _count(data)
            return data

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _remaining(timeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> Any:
            return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _remaining(timeout)))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    return DeadlineStream


def _backend_class() -> type:
    stream_class = _stream_class()

    class DeadlineBackend(_httpcore().NetworkBackend):
        def __init__(self, inner: Any) -> None:
            self._inner = inner

        def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                        socket_options: Any = None) -> Any:
            stream = self._inner.connect_tcp(host, port, _remaining(timeout, CONNECT_SECONDS), local_address,
                                             socket_options)
            return stream_class(stream)

        def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
            return stream_class(self._inner.connect_unix_socket(path, _remaining(timeout, CONNECT_SECONDS),
                                                                socket_options))

        def sleep(self, seconds: float) -> None:
            self._inner.sleep(seconds)

    return DeadlineBackend


def http_client(timeout: float) -> Any:
    """An HTTP client for the openai SDK whose connections honour :func:`bounded`.
    Returns None when the HTTP library lacks the hook (the SDK's own client is then
    used, with per-read timeouts only)."""
    import openai

    client = openai.DefaultHttpxClient(timeout=timeout)
    transport = getattr(client, "_transport", None)
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):
        return None
    pool._network_backend = _backend_class()(pool._network_backend)
    return client


# --------------------------------------------------------------------------- redaction
_SECRETS = [
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{4,}"),
    re.compile(r"(?i)(\"?(?:authorization|proxy-authorization|api[-_ ]?key|x-api-key|access[-_]?token|secret|password)"
               r"\"?\s*[:=]\s*\"?)[^\s\"',;}]+"),
    re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{6,}"),
    re.compile(r"\b[A-Za-z0-9_\-]{32,}\b"),
]


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with the given secrets and anything shaped like a key or an
    Authorization value replaced by '[redacted]'."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    text = _SECRETS[0].sub(lambda m: f"{m.group(1)} [redacted]", text)
    text = _SECRETS[1].sub(lambda m: f"{m.group(1)}[redacted]", text)
    text = _SECRETS[2].sub("[redacted]", text)
    return _SECRETS[3].sub("[redacted]", text)
