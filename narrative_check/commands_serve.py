"""`narrative-check serve`: the local web app (needs the `[serve]` extra)."""

from __future__ import annotations

import click

from .cli_options import config_from, llm_options
from .errors import ConfigError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep it local).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-size", "max_mb", default=20.0, show_default=True, type=click.FloatRange(0.001),
              help="Largest upload, in MB per file.")
@click.option("--time-limit", default=120.0, show_default=True, type=click.FloatRange(1),
              help="Seconds one request may take (upload and check).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Checks run at once.")
@llm_options
def serve_command(host, port, max_mb, time_limit, workers, **llm) -> None:
    """Serve a local web page: upload a document, get its HTML report (POST /api/check: JSON)."""
    try:
        import uvicorn

        from .serve import create_app
    except ImportError as exc:
        if (exc.name or "").startswith("narrative_check"):
            raise
        raise ConfigError(f"the web app needs its extra ({exc.name} is missing): "
                          "pip install 'narrative-check[serve]'") from exc
    app = create_app(config_from(**llm), max_bytes=int(max_mb * 2**20), time_limit=time_limit, workers=workers)
    click.echo(f"narrative-check: serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
