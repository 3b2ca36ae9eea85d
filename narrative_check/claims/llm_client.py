"""The model behind the LLM extractor: instructor over the openai client.

Two kinds of retry, kept apart and both bounded:

* transport errors (timeouts, connection resets, 429, 5xx) are retried here by
  tenacity with random exponential backoff (honouring a short ``Retry-After``),
  at most ``config.transport_retries`` times and within an overall time cap;
* invalid answers (bad JSON, a quote not in the text, a number not in its quote)
  are re-asked by instructor with the validation error, ``config.max_retries``
  times.

Each HTTP attempt has one wall-clock deadline (connect, first byte and whole reply:
``config.timeout``, or a default by endpoint), a cap on the reply's size, and a cap
on what a re-ask sends back (see transport.py). Every message taken from a server
is redacted before it is shown or stored.

Every HTTP attempt goes through :meth:`LLMClient._send`, which counts requests and
tokens, so usage includes re-asks and retried attempts.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import instructor
import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from ..config import Config
from ..models import Usage
from .transport import MAX_REPLY_BYTES, bounded, http_client, redact, reply_was_too_large
from .validate import SectionClaims

# instructor logs every failed attempt at ERROR, with the server's text (which may
# echo the key); we report failures ourselves, once and redacted, so its records stop
# at its own logger and never reach an application's log
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("instructor").propagate = False

BACKOFF_SECONDS = 0.5
"""First backoff step; doubles per retry, randomised (tests shrink it)."""
BACKOFF_MAX_SECONDS = 20.0
RETRY_AFTER_MAX_SECONDS = 30.0
"""A server asking to wait longer than this is not waited for."""
MAX_OUTPUT_TOKENS = 4096
HOSTED_TIMEOUT = 60.0
LOCAL_TIMEOUT = 600.0
"""Default request deadlines (whole reply). A local server on a CPU takes minutes for
a section (prompt processing, then up to MAX_OUTPUT_TOKENS); a hosted API seconds."""
MAX_REASK_CHARS = 32_000
"""What a re-ask repeats of the invalid answer and its error, at most: more than an
answer within MAX_OUTPUT_TOKENS holds, far less than a runaway reply."""

_MODES = {"tools": instructor.Mode.TOOLS, "json_schema": instructor.Mode.JSON_SCHEMA, "md_json": instructor.Mode.MD_JSON}
_ORDER = ["tools", "json_schema", "md_json"]
_TOOL_HOSTS = ("openai.com", "openai.azure.com", "deepseek.com", "dashscope", "aliyuncs.com", "openrouter.ai",
               "together", "groq.com", "mistral.ai", "moonshot", "bigmodel.cn", "siliconflow", "fireworks.ai")
_LOCAL_PORTS = {8000, 8080, 11434, 1234, 5000, 5001}
"""vLLM, llama.cpp llama-server, Ollama, LM Studio, text-generation-webui defaults."""


# --------------------------------------------------------------------------- errors
class SectionFailed(Exception):
    """The model gave no valid answer for one section (after re-asks and retries)."""

    def __init__(self, reason: str, fatal: bool = False, fix: str = "", invalid: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fatal = fatal
        """True when no further request can succeed (server down, bad key, no such model)."""
        self.fix = fix
        self.invalid = invalid
        """True when the model answered but never validly (cacheable: it would again)."""


def rejects_mode(exc: BaseException) -> bool:
    """The endpoint refused the request's shape (tools / response_format), not its
    load: 400 and 422, and the 500s some servers (llama-cpp-python) send for an
    unknown ``response_format`` type. Stepping the mode down helps; retrying does not."""
    if not isinstance(exc, openai.APIStatusError):
        return False
    if exc.status_code in (400, 422):
        return True
    text = f"{exc.message} {exc.body}".lower()
    return exc.status_code >= 500 and "validation error" in text and \
        any(word in text for word in ("response_format", "tool_choice", "tools", "json_schema"))


def _transient(exc: BaseException) -> bool:
    if rejects_mode(exc):
        return False
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError,
                        openai.InternalServerError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in (408, 409, 425, 429, 500, 502, 503, 504)


def _api_error(exc: BaseException) -> BaseException | None:
    """The openai error under instructor's wrapping, if any."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, openai.OpenAIError):
            return exc
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen += 1
    return None


def _template_safe(text: str) -> str:
    """instructor renders messages as Jinja templates when given a context; escape
    every '{' so a document's '{{ … }}' reaches the model verbatim and is never run."""
    return text.replace("{", "{{ '{' }}")


def _capped(messages: Any) -> Any:
    """The request's messages with what re-asks added (the model's earlier answer and
    the validation error) cut to MAX_REASK_CHARS each: a 50 MB answer is never sent
    back. The system prompt and the section text (the first two) are left whole."""
    if not isinstance(messages, list):
        return messages
    out = list(messages[:2])
    for message in messages[2:]:
        if isinstance(message, dict):
            message = dict(message)
            content = message.get("content")
            if isinstance(content, str) and len(content) > MAX_REASK_CHARS:
                message["content"] = content[:MAX_REASK_CHARS] + "…(cut)"
            if isinstance(message.get("tool_calls"), list):
                calls = []
                for call in message["tool_calls"]:
                    function = call.get("function") if isinstance(call, dict) else None
                    args = function.get("arguments") if isinstance(function, dict) else None
                    if isinstance(args, str) and len(args) > MAX_REASK_CHARS:
                        call = {**call, "function": {**function, "arguments": args[:MAX_REASK_CHARS] + "…(cut)"}}
                    calls.append(call)
                message["tool_calls"] = calls
        out.append(message)
    return out


def _cause(exc: BaseException | None, kind: type) -> Any:
    """The first exception of ``kind`` in the chain under ``exc``."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, kind):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _one_line(text: Any, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --------------------------------------------------------------------------- mode
def _is_local(host: str, port: int | None) -> bool:
    if host in ("localhost", "0.0.0.0", "host.docker.internal") or host.endswith((".local", ".internal", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return port in _LOCAL_PORTS
    return address.is_loopback or address.is_private or address.is_link_local


def choose_mode(config: Config) -> tuple[str, bool]:
    """(mode, automatic). Tool calls for hosted APIs that support them, JSON schema
    (grammar-constrained decoding) for local llama.cpp / vLLM / Ollama servers;
    the others are tried in turn when a server rejects a mode (see LLMClient)."""
    if config.mode:
        if config.mode not in _MODES:
            from ..errors import ConfigError

            raise ConfigError(f"unknown mode {config.mode!r}: use one of {', '.join(_MODES)} (or leave it unset)")
        return config.mode, False
    url = urlparse(config.base_url or "https://api.openai.com/v1")
    host = (url.hostname or "").lower()
    if any(name in host for name in _TOOL_HOSTS):
        return "tools", True
    if _is_local(host, url.port):
        return "json_schema", True
    return "tools", True


def request_timeout(config: Config) -> float:
    """The deadline of one request: the configured one, or a default that a local
    server on a CPU still meets."""
    if config.timeout:
        return float(config.timeout)
    return HOSTED_TIMEOUT if needs_key(config) else LOCAL_TIMEOUT


def needs_key(config: Config) -> bool:
    """Local servers take any key; hosted ones need a real one."""
    url = urlparse(config.base_url or "https://api.openai.com/v1")
    return not _is_local((url.hostname or "").lower(), url.port)


# --------------------------------------------------------------------------- the client
@dataclass
class Answer:
    result: SectionClaims
    mode: str


class LLMClient:
    """One per run; shared by the worker threads (the openai client is thread-safe)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.mode, self.auto = choose_mode(config)
        # automatic mode steps down on 400/422: the chosen mode first, then tools →
        # json_schema → md_json (llama-cpp-python's server rejects json_schema but
        # constrains tool calls with a grammar; Markdown-JSON is the last resort)
        self.ladder = [self.mode] + [m for m in _ORDER if m != self.mode]
        self.endpoint = config.base_url or "https://api.openai.com/v1"
        self.timeout = request_timeout(config)
        key = config.api_key
        if not key:
            if needs_key(config):
                raise SectionFailed(
                    f"no API key for {self.endpoint}", fatal=True,
                    fix="pass --api-key or set OPENAI_API_KEY (or point --base-url at a local server)",
                )
            key = "sk-no-key-required"
        self.key = key
        http = http_client(self.timeout)
        self.raw = openai.OpenAI(api_key=key, base_url=config.base_url, timeout=self.timeout, max_retries=0,
                                 **({"http_client": http} if http is not None else {}))
        self._create = self.raw.chat.completions.create
        # instructor calls this attribute; route it through _send for retries and accounting
        self.raw.chat.completions.create = self._send  # type: ignore[method-assign]
        self._lock = threading.Lock()
        self._clients: dict[str, Any] = {}
        self.usage = Usage()
        self.stop = threading.Event()
        """Set on a fatal error: the other workers stop sending."""

    # -- accounting + transport retries --------------------------------------------
    def _wait(self, state: RetryCallState) -> float:
        backoff = wait_random_exponential(multiplier=BACKOFF_SECONDS, max=BACKOFF_MAX_SECONDS)(state)
        exc = state.outcome.exception() if state.outcome else None
        response = getattr(exc, "response", None)
        header = response.headers.get("retry-after") if response is not None else None
        try:
            asked = float(header) if header else 0.0
        except ValueError:
            asked = 0.0
        return max(backoff, min(asked, RETRY_AFTER_MAX_SECONDS))

    def _send(self, *args: Any, **kwargs: Any) -> Any:
        cap = self.timeout * (self.config.transport_retries + 1) + BACKOFF_MAX_SECONDS
        if "messages" in kwargs:
            kwargs["messages"] = _capped(kwargs["messages"])
        retrying = Retrying(
            stop=stop_after_attempt(self.config.transport_retries + 1) | stop_after_delay(cap),
            wait=self._wait,
            retry=retry_if_exception(lambda e: _transient(e) and not self.stop.is_set()),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                with self._lock:
                    self.usage.requests += 1
                try:
                    with bounded(self.timeout, MAX_REPLY_BYTES):
                        response = self._create(*args, **kwargs)
                except openai.APIConnectionError as exc:
                    if reply_was_too_large():
                        raise SectionFailed(f"the reply was over {MAX_REPLY_BYTES // 2**20} MB and was not read "
                                            "further") from exc
                    raise
                usage = getattr(response, "usage", None)
                if usage is not None:
                    with self._lock:
                        self.usage.prompt_tokens += usage.prompt_tokens or 0
                        self.usage.completion_tokens += usage.completion_tokens or 0
                return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _instructor(self, mode: str) -> Any:
        with self._lock:
            if mode not in self._clients:
                self._clients[mode] = instructor.from_openai(self.raw, mode=_MODES[mode])
            return self._clients[mode]

    # -- one section -------------------------------------------------------------
    def extract(self, messages: list[dict[str, str]], source: str) -> Answer:
        """Ask for the claims of one section; raise SectionFailed when there is no
        valid answer. In automatic mode a 400/422 (mode not supported) steps down
        tools → json_schema → md_json, and the step is kept for the rest of the run."""
        while True:
            if self.stop.is_set():
                raise SectionFailed("skipped after an earlier fatal error", fatal=True)
            mode = self.mode
            try:
                result = self._instructor(mode).create(
                    response_model=SectionClaims,
                    # a fresh list each time: instructor appends its re-asks in place
                    messages=[{"role": m["role"], "content": _template_safe(m["content"])} for m in messages],
                    context={"source": source},
                    max_retries=self.config.max_retries,
                    strict=False,
                    temperature=0,
                    max_tokens=MAX_OUTPUT_TOKENS,
                    model=self.config.model,
                )
                return Answer(result=result, mode=mode)
            except Exception as exc:  # noqa: BLE001 — classified below; the run never dies here
                failure = self._classify(exc)
                if failure is None and self._step_down(mode):
                    continue
                if failure is None:
                    failure = SectionFailed(f"the endpoint rejected the request: {_one_line(_api_error(exc) or exc)}")
                failure.reason = redact(failure.reason, self.key)
                if failure.fatal:
                    self.stop.set()
                raise failure from exc

    def _step_down(self, mode: str) -> bool:
        if not self.auto:
            return False
        with self._lock:
            if self.mode != mode:  # another worker already stepped down
                return True
            position = self.ladder.index(mode)
            if position + 1 >= len(self.ladder):
                return False
            self.mode = self.ladder[position + 1]
            return True

    def _classify(self, exc: BaseException) -> SectionFailed | None:
        """None means 'the endpoint rejected this kind of request' (400/422)."""
        api = _api_error(exc)
        where = self.endpoint
        if isinstance(api, openai.AuthenticationError | openai.PermissionDeniedError):
            return SectionFailed(f"{where} refused the API key ({api.status_code})", fatal=True,
                                 fix="check --api-key / OPENAI_API_KEY")
        if isinstance(api, openai.NotFoundError):
            return SectionFailed(f"{where} has no model {self.config.model!r} (404)", fatal=True,
                                 fix="check --model / NARRATIVE_CHECK_MODEL and --base-url")
        failed = _cause(exc, SectionFailed)
        if failed is not None:
            return failed
        if isinstance(api, openai.APITimeoutError):
            # The server cannot answer within the deadline: later sections would only
            # wait as long again, so no further request is sent.
            return SectionFailed(f"no reply within {self.timeout:g} s, {self.config.transport_retries + 1} "
                                 "attempt(s)", fatal=True,
                                 fix="raise --timeout (seconds per request, whole reply) or check the server")
        if isinstance(api, openai.APIConnectionError):
            return SectionFailed(f"cannot reach {where}", fatal=True,
                                 fix="start the server or fix --base-url / OPENAI_BASE_URL")
        if api is not None and rejects_mode(api):
            return None
        if isinstance(api, openai.APIStatusError):
            return SectionFailed(f"HTTP {api.status_code} after {self.config.transport_retries + 1} attempt(s): "
                                 f"{_one_line(api.message, 120)}")
        name = type(exc).__name__
        if "IncompleteOutput" in name:
            return SectionFailed("the answer was cut off at the output token limit", invalid=True)
        attempts = getattr(exc, "n_attempts", None)
        detail = _one_line(getattr(exc, "args", [exc])[0] if getattr(exc, "args", None) else exc, 160)
        tries = f" after {attempts} attempt(s)" if attempts else ""
        return SectionFailed(f"no valid answer{tries}: {detail}", invalid=True)
