"""The command line: a thin face over the library. Exit 0 clean, 1 findings, 2 usage/input error."""

from __future__ import annotations

import sys

import click

from .commands import COMMANDS
from .commands_rules import COMMANDS as RULE_COMMANDS
from .commands_serve import serve_command
from .errors import NarrativeCheckError


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


for _command in [*COMMANDS, *RULE_COMMANDS, serve_command]:
    cli.add_command(_command)
_register_optional()
