"""What the command faces share: option decorators and the settings they build.

It sits below cli.py, commands.py and evaluation/cli.py, so each of them imports
only downward (cli → commands → cli_options; never back up into cli)."""

from __future__ import annotations

import click

from .config import load_config


def llm_options(func):
    """Options shared by every command that may call a model."""
    options = [
        click.option("--extractor", type=click.Choice(["offline", "llm", "hybrid", "regex"]), default=None,
                     help="Claim extractor (default: offline, or hybrid when a model is configured)."),
        click.option("--model", default=None, help="Model name on the endpoint (env NARRATIVE_CHECK_MODEL)."),
        click.option("--base-url", default=None, help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)."),
        click.option("--api-key", default=None, help="API key (env OPENAI_API_KEY)."),
        click.option("--mode", default=None, type=click.Choice(["tools", "json_schema", "md_json"]),
                     help="instructor mode; chosen per endpoint when omitted."),
        click.option("--no-cache", is_flag=True, default=None, help="Do not read or write the LLM response cache."),
        click.option("--timeout", type=float, default=None, help="Seconds per LLM request (CPU servers need 600+)."),
        click.option("--concurrency", type=click.IntRange(1, 64), default=None, help="LLM requests at once (default 4)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def config_from(extractor, model, base_url, api_key, mode, no_cache, timeout=None, concurrency=None):
    return load_config(extractor=extractor, model=model, base_url=base_url, api_key=api_key, mode=mode,
                       no_cache=no_cache, timeout=timeout, concurrency=concurrency)


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` (UTF-8) and say where it went."""
    if output is None:
        click.echo(text, nl=False)
        return
    from pathlib import Path

    from .errors import InputError

    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write the report ({exc.strerror or exc}); check the folder exists") from exc
    click.echo(f"wrote {output}", err=True)
