"""`narrative-check serve`: a small local web app over check() (Starlette + uvicorn,
the optional `[serve]` extra).

    GET  /           a form: a document (PDF, DOCX, XLSX, text) and an optional tables file
    POST /check      the same form's answer: the HTML report (as `check --format html`)
    POST /api/check  the JSON report, as `check --format json` prints it

Each request owns one temporary folder (serve_upload.py); the folder is removed when
the check ends, also when the request times out or fails. Checks run in worker
threads, at most ``workers`` at once, each request within ``time_limit`` seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .config import Config
from .errors import NarrativeCheckError
from .ingest import MAX_BYTES
from .models import Report
from .report.html_tables import esc
from .serve_upload import DOCUMENT_SUFFIXES, TABLE_SUFFIXES, Upload, UploadError, receive_upload

_STYLE = ("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:760px;margin:40px auto;padding:0 16px;"
          "color:#1d1d1d}h1{font-size:22px}label{display:block;margin:14px 0 4px;font-weight:600}"
          "button{margin-top:18px;padding:8px 22px;font-size:15px}.err{border-left:6px solid #d55e00;"
          "padding:8px 12px;background:#fbe0d0}.note{color:#555;font-size:13px}code{font-size:13px}")


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>")


def form_page(max_bytes: int, time_limit: float) -> str:
    docs = ",".join(DOCUMENT_SUFFIXES)
    tables = ",".join(TABLE_SUFFIXES)
    return _page("narrative-check", f"""
<h1>narrative-check</h1>
<p>Check the prose of a budget or final-account disclosure (部门预算 / 单位预算 / 决算公开) against its own tables.</p>
<form method="post" action="/check" enctype="multipart/form-data">
<label for="document">Document ({esc(docs)})</label>
<input type="file" id="document" name="document" accept="{esc(docs)}" required>
<label for="tables">Tables, if published apart (optional: {esc(tables)})</label>
<input type="file" id="tables" name="tables" accept="{esc(tables)}">
<br><button type="submit">Check</button>
</form>
<p class="note">Up to {max_bytes / 2**20:.0f} MB a file, {time_limit:.0f} s a check. Files stay on this machine, in a
temporary folder removed after the check. For scripts: <code>curl -F document=@doc.pdf
http://127.0.0.1:8000/api/check</code> returns the JSON report of <code>narrative-check check --format json</code>.</p>
""")


def error_page(status: int, message: str) -> str:
    return _page("narrative-check: error", f'<h1>The file was not checked</h1><p class="err">{esc(message)}</p>'
                                          f'<p><a href="/">Check another file</a></p>')


def _hide_paths(text: str, upload: Upload) -> str:
    """Messages name the client's file, never the temporary folder."""
    for path, name in upload.files.values():
        text = text.replace(str(path), name)
    return text.replace(str(upload.folder), "")


def run_check(upload: Upload, config: Config, render: Callable[[Report], str]) -> str:
    """Check the uploaded files and render the report; the folder goes in any case."""
    from .pipeline import check
    from .report import select_findings

    try:
        path, name = upload.files["document"]
        tables = [upload.files["tables"][0]] if "tables" in upload.files else []
        try:
            report = check(path, config=config, tables=tables)
        except NarrativeCheckError as exc:
            raise UploadError(422, _hide_paths(str(exc), upload)) from exc
        except Exception as exc:  # never a traceback to the client; the message says what broke
            raise UploadError(500, f"{name}: internal error: {type(exc).__name__}: {_hide_paths(str(exc), upload)}") from exc
        report.document = name
        report.warnings = [_hide_paths(w, upload) for w in report.warnings]
        report.findings = select_findings(report.findings, upload.fields.get("select"), upload.fields.get("ignore"))
        return render(report)
    finally:
        upload.remove()


def create_app(config: Config | None = None, *, max_bytes: int = MAX_BYTES, time_limit: float = 120.0,
               workers: int = 2, upload_parent: str | None = None) -> Starlette:
    """The web app. ``upload_parent`` is where request folders are made (default: the
    system temp folder, i.e. TMPDIR)."""
    config = config or Config()
    limiter = anyio.CapacityLimiter(workers)

    def html_report(report: Report) -> str:
        from .report.html import render_html

        return render_html([report], back_link="/")

    def json_report(report: Report) -> str:
        from .report.json import render_json

        return render_json([report])

    async def answer(request: Request, render: Callable[[Report], str]) -> str:
        upload: Upload | None = None
        started = threading.Event()

        def work() -> str:
            started.set()
            return run_check(upload, config, render)  # type: ignore[arg-type]

        try:
            with anyio.fail_after(time_limit):
                upload = await receive_upload(request.headers, request.stream(), max_bytes, upload_parent)
                return await anyio.to_thread.run_sync(work, abandon_on_cancel=True, limiter=limiter)
        except TimeoutError:
            # A check still running finishes in its thread and removes its folder then;
            # one that never started is removed here.
            if upload is not None and not started.is_set():
                upload.remove()
            raise UploadError(504, f"the check took longer than {time_limit:.0f} s (the server's --time-limit); "
                                   "try the command line for very large documents") from None

    async def index(request: Request) -> Response:
        return HTMLResponse(form_page(max_bytes, time_limit))

    async def check_page(request: Request) -> Response:
        try:
            return HTMLResponse(await answer(request, html_report))
        except UploadError as exc:
            return HTMLResponse(error_page(exc.status, exc.message), status_code=exc.status)

    async def check_api(request: Request) -> Response:
        try:
            return Response(await answer(request, json_report), media_type="application/json; charset=utf-8")
        except UploadError as exc:
            return JSONResponse({"error": exc.message, "status": exc.status}, status_code=exc.status)

    return Starlette(routes=[
        Route("/", index, methods=["GET"]),
        Route("/check", check_page, methods=["POST"]),
        Route("/api/check", check_api, methods=["POST"]),
    ])
