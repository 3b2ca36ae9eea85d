"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol,
so tests run the real openai client, instructor, retries and validators end to end
with no key and no network.

It answers from a *script*: a list of steps consumed one per request, or a function
``step(request_body) -> step``. A step is a dict:

* ``{"claims": [...]}`` — a valid-looking answer shaped for the request's mode
  (a tool call when the request has ``tools``, a JSON message otherwise, fenced
  in Markdown for md_json);
* ``{"content": "..."}`` / ``{"tool_args": "..."}`` — a raw message or tool-call body;
* ``{"status": 429, "body": {...}, "headers": {...}}`` — an HTTP error;
* ``{"sleep": 2.0, ...}`` — wait first (to make the client time out);
* ``{"completion": {...}}`` — a full recorded completion (used by cassettes);
* ``{"dribble": 0.5}`` — the whole response (status line included) one byte per
  0.5 s, for ever (a server that never finishes);
* ``{"huge": 50 * 2**20}`` — a well-formed completion whose content is that many bytes;
* ``{"echo_headers": 400}`` — an HTTP error quoting the request's headers (0: a
  200 answer whose message quotes them), as a careless proxy does.

Cassettes (tests/cassettes/*.json) hold recorded (request messages, completion)
pairs; :func:`replay` answers a request with the completion recorded for the same
messages, and fails loudly (HTTP 501) for a request that was never recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Step = dict[str, Any]


def _completion(message: dict[str, Any], body: dict[str, Any], prompt_tokens: int, completion_tokens: int,
                finish: str = "stop") -> dict[str, Any]:
    return {
        "id": f"chatcmpl-test-{int(time.time() * 1000)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def _tokens(text: str) -> int:
    return max(1, len(text) // 3)


def answer(step: Step, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, json body, headers) for one scripted step."""
    if "status" in step:
        return step["status"], step.get("body", {"error": {"message": f"scripted {step['status']}"}}), \
            step.get("headers", {})
    if "completion" in step:
        return 200, step["completion"], {}
    prompt_tokens = sum(_tokens(str(m.get("content", ""))) for m in body.get("messages", []))
    if "claims" in step or "tool_args" in step:
        payload = step.get("tool_args")
        if payload is None:
            payload = json.dumps({"claims": step["claims"]}, ensure_ascii=False)
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": name, "arguments": payload}}]}
            return 200, _completion(message, body, prompt_tokens, _tokens(payload), "tool_calls"), {}
        if not body.get("response_format"):
            payload = f"```json\n{payload}\n```"
        step = {"content": payload}
    content = step.get("content", "")
    message = {"role": "assistant", "content": content}
    return 200, _completion(message, body, prompt_tokens, _tokens(content), step.get("finish", "stop")), {}


class OpenAIServer:
    """``with OpenAIServer(script) as server: ... server.base_url``."""

    def __init__(self, script: list[Step] | Callable[[dict[str, Any]], Step] | None = None,
                 default: Step | None = None) -> None:
        self.script = script if script is not None else []
        self.default = default
        self.requests: list[dict[str, Any]] = []
        """Bodies of the chat-completion requests received, in order."""
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting ---------------------------------------------------------------
    def next_step(self, body: dict[str, Any]) -> Step:
        with self._lock:
            self.requests.append(body)
            script = self.script
            if not callable(script) and script:
                return script.pop(0)
        if callable(script):
            return script(body)
        if self.default is not None:
            return self.default
        return {"status": 418, "body": {"error": {"message": "test server: script exhausted"}}}

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    # -- lifecycle ---------------------------------------------------------------
    def start(self) -> "OpenAIServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 30

            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

            def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def _dribble(self, interval: float, body: dict[str, Any]) -> None:
                payload = json.dumps(answer({"claims": []}, body)[1]).encode("utf-8")
                raw = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                       + str(len(payload)).encode() + b"\r\n\r\n" + payload)
                try:
                    for i in range(len(raw)):
                        self.wfile.write(raw[i:i + 1])
                        self.wfile.flush()
                        time.sleep(interval)
                except OSError:
                    pass  # the client gave up
                self.close_connection = True

            def _huge(self, size: int, body: dict[str, Any]) -> None:
                head, tail = json.dumps(answer({"content": "@@"}, body)[1]).encode("utf-8").split(b"@@")
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(head) + size + len(tail)))
                    self.end_headers()
                    self.wfile.write(head)
                    chunk = b"x" * 2**20
                    for _ in range(size // len(chunk)):
                        self.wfile.write(chunk)
                    self.wfile.write(b"x" * (size % len(chunk)) + tail)
                except OSError:
                    pass  # the client stopped reading
                self.close_connection = True

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "test-model", "object": "model"}]}, {})
                else:
                    self._send(404, {"error": {"message": "not found"}}, {})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
                    return
                try:
                    body = json.loads(raw)
                except ValueError:
                    self._send(400, {"error": {"message": "bad json"}}, {})
                    return
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                step = server.next_step(body)
                if step.get("sleep"):
                    time.sleep(step["sleep"])
                if step.get("dribble"):
                    self._dribble(step["dribble"], body)
                    return
                if step.get("huge"):
                    self._huge(step["huge"], body)
                    return
                if "echo_headers" in step:
                    # the credentials first, where a short error message still shows them
                    items = sorted(self.headers.items(), key=lambda kv: kv[0].lower() != "authorization")
                    echoed = json.dumps(dict(items), ensure_ascii=False)
                    step = {"status": step["echo_headers"], "body": {"error": {"message": f"rejected: {echoed}"}}} \
                        if step["echo_headers"] else {"content": f"you sent {echoed}"}
                status, payload, headers = answer(step, body)
                self._send(status, payload, headers)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "OpenAIServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# --------------------------------------------------------------------------- cassettes
def request_mode(body: dict[str, Any]) -> str:
    return "tools" if body.get("tools") else (body.get("response_format") or {}).get("type", "md_json")


def request_key(body: dict[str, Any]) -> str:
    """Requests are matched on a hash of their messages and mode (model names and
    sampling parameters may differ between the recording and the replay; a mode
    probe and its step-down send the same messages)."""
    import hashlib

    text = json.dumps(body.get("messages", []), ensure_ascii=False, sort_keys=True)
    messages = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return hashlib.sha256(f"{messages}|{request_mode(body)}".encode()).hexdigest()


def load_cassette(path: str | Path) -> list[dict[str, Any]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["interactions"]


def save_cassette(path: str | Path, interactions: list[dict[str, Any]], **meta: Any) -> None:
    data = {**meta, "interactions": interactions}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def replay(interactions: list[dict[str, Any]]) -> Callable[[dict[str, Any]], Step]:
    recorded = {i["request_sha256"]: i for i in interactions}

    def step(body: dict[str, Any]) -> Step:
        found = recorded.get(request_key(body))
        if found is None:
            return {"status": 501, "body": {"error": {"message": "test server: request not in the cassette "
                                                                 "(re-record it after a prompt change)"}}}
        if "status" in found:
            return {"status": found["status"], "body": found["body"]}
        return {"completion": found["response"]}

    return step


def record(upstream: str, into: list[dict[str, Any]], timeout: float = 900.0) -> Callable[[dict[str, Any]], Step]:
    """A step function that forwards each request to ``upstream`` (a real server's
    base URL) and keeps (request hash, last message, response) — never headers, so
    no key is ever stored."""
    import urllib.error
    import urllib.request

    def step(body: dict[str, Any]) -> Step:
        request = urllib.request.Request(upstream.rstrip("/") + "/chat/completions",
                                         data=json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"})
        last = body["messages"][-1]
        entry: dict[str, Any] = {
            "request_sha256": request_key(body),
            "mode": request_mode(body),
            "last_message": {"role": last["role"], "content": last.get("content")},
        }
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                entry["response"] = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            entry.update(status=exc.code, body=json.loads(exc.read() or b"{}"))
        into.append(entry)
        if "status" in entry:
            return {"status": entry["status"], "body": entry["body"]}
        return {"completion": entry["response"]}

    return step


# --------------------------------------------------------------------------- a fake model
_CLAUSE = re.compile(r"[^，。；：,;:]*?(\d[\d,]*(?:\.\d+)?)\s*万元")


def document_of(body: dict[str, Any]) -> str:
    """The section text a request asks about (between <document> tags)."""
    for message in reversed(body.get("messages", [])):
        content = str(message.get("content") or "")
        if "<document>" in content:
            return content.split("<document>\n", 1)[1].rsplit("\n</document>", 1)[0]
    return ""


def fake_claims(text: str) -> list[dict[str, Any]]:
    """What a careful model would say: one claim per 'X 万元' clause, quote and
    amount copied from the text."""
    claims = []
    for match in _CLAUSE.finditer(text):
        quote = match.group(0).strip()
        claims.append({"quote": quote, "amount": match.group(1).replace(",", ""), "unit": "万元"})
    return claims


def fake_model(body: dict[str, Any]) -> Step:
    return {"claims": fake_claims(document_of(body))}
