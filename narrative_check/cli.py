"""The command line: a thin face over the library. Exit 0 clean, 1 findings, 2 usage/input error."""

from __future__ import annotations

import sys

import click

from .config import load_config
from .errors import NarrativeCheckError


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="narrative-check")
def cli() -> None:
    """Check the prose of budget / final-account disclosures against their tables."""


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        _fail("aborted")
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except NarrativeCheckError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted")


def _register_optional() -> None:
    try:
        from .evaluation.cli import eval_command
    except ImportError as exc:
        if (exc.name or "").startswith("narrative_check"):
            raise  # a bug in our own module must show, not hide the command
        return
    cli.add_command(eval_command, "eval")


from . import commands  # noqa: E402,F401  (registers check / tables / claims)

_register_optional()
